using Npgsql;

namespace Map.Testing;

/// <summary>A throw-away database on the local PostGIS cluster that ./map test starts; dropped when disposed.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly string AdminConnection =
        Environment.GetEnvironmentVariable("MAP_TEST_ADMIN_CONNECTION")
        ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    public string Name { get; }
    public string ConnectionString { get; }

    private TestDatabase(string name)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(AdminConnection) { Database = name, Pooling = true }.ConnectionString;
    }

    public static async Task<TestDatabase> CreateAsync(string purpose)
    {
        var name = $"map_test_{purpose}_{Guid.NewGuid():N}"[..40];
        await using var admin = new NpgsqlConnection(AdminConnection);
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin)) await create.ExecuteNonQueryAsync();
        return new TestDatabase(name);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnection);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
