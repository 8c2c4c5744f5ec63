using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Map.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Map.IntegrationTests.Hosting;

/// <summary>
/// The cluster ./map makes: three roles with generated scram passwords, TCP without a password refused, and an app
/// that migrates as the owner and serves as the writer — no session of it is superuser. On a cluster of the test's
/// own (./map db start with its own port, data folder and secrets file), stopped and removed at the end.
/// </summary>
public sealed class DatabaseRolesTests(RolesCluster cluster) : IClassFixture<RolesCluster>
{
    private Dictionary<string, string> Passwords => cluster.Passwords;
    private string Connection(string role) => cluster.Connection(role);

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void ThePasswordsAreGeneratedIntoAFileOnlyItsOwnerReads()
    {
        Assert.Equal(["map_owner", "map_reader", "map_writer", "postgres"], Passwords.Keys.Order(StringComparer.Ordinal));
        Assert.All(Passwords.Values, password => Assert.True(password.Length >= 32, "a long random password"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(cluster.SecretsFolder, "database.env")));
    }

    [Fact]
    public async Task TcpConnectionsWithoutThePasswordAreRefused()
    {
        var withoutPassword = new NpgsqlConnectionStringBuilder(Connection("postgres")) { Password = null, Passfile = "/dev/null" };
        var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
        {
            await using var connection = new NpgsqlConnection(withoutPassword.ConnectionString);
            await connection.OpenAsync();
        });
        Assert.Contains("password", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheReaderCanOnlyRead()
    {
        await ExecuteAsync("map_owner", "CREATE TABLE reader_probe (x int)");
        Assert.Equal(0L, await ScalarAsync("map_reader", "SELECT count(*) FROM reader_probe"));
        await AssertRefusedAsync("map_reader", "INSERT INTO reader_probe VALUES (1)");
        await AssertRefusedAsync("map_reader", "DELETE FROM reader_probe");
        await AssertRefusedAsync("map_reader", "CREATE TABLE reader_table (x int)");
    }

    [Fact]
    public async Task TheWriterWritesRowsButCannotRunProgramsCreateRolesOrChangeTheSchema()
    {
        await ExecuteAsync("map_owner", "CREATE TABLE writer_probe (x int)");
        await ExecuteAsync("map_writer", "INSERT INTO writer_probe VALUES (1)");
        Assert.Equal(1L, await ScalarAsync("map_writer", "SELECT count(*) FROM writer_probe"));
        await AssertRefusedAsync("map_writer", "COPY (SELECT 1) TO PROGRAM 'touch /tmp/map-roles-pwned'");
        await AssertRefusedAsync("map_writer", "CREATE ROLE map_intruder SUPERUSER");
        await AssertRefusedAsync("map_writer", "CREATE TABLE writer_table (x int)");
        await AssertRefusedAsync("map_writer", "DROP TABLE writer_probe");
        Assert.False(File.Exists("/tmp/map-roles-pwned"));
    }

    [Fact]
    public async Task NoRoleOfTheAppIsSuperuser()
    {
        foreach (var role in new[] { "map_owner", "map_writer", "map_reader" })
            Assert.False((bool)(await ScalarAsync(role, "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user"))!);
    }

    [Fact]
    public async Task TheAppMigratesAsTheOwnerAndServesAsTheWriter()
    {
        await using var app = App();
        using var client = app.CreateClient();
        using var items = await client.GetAsync("/collections/bases/items");
        Assert.Equal(HttpStatusCode.OK, items.StatusCode);

        var sessions = await ScalarAsync("map_reader",
            "SELECT string_agg(DISTINCT usename::text, ',' ORDER BY usename::text) FROM pg_stat_activity " +
            "WHERE datname = 'map' AND pid <> pg_backend_pid()");
        Assert.Equal("map_writer", sessions);
        Assert.Equal("map_owner", await ScalarAsync("map_reader", "SELECT tableowner::text FROM pg_tables WHERE tablename = '__ef_migrations'"));
    }

    [Fact]
    public async Task NeitherTheWriterNorTheReaderCanTruncateFeaturesOrALayersPartition()
    {
        // A TRUNCATE takes rows without the row triggers that keep history: the app's roles must not be able to run one.
        await using (var app = App())
        {
            using var client = app.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/collections/bases/items")).StatusCode);
        }
        var partition = (string)(await ScalarAsync("map_writer", "SELECT layer_storage.partition_of('bases')::text"))!;
        Assert.StartsWith("layer_storage.features_", partition, StringComparison.Ordinal);
        foreach (var role in new[] { "map_writer", "map_reader" })
        {
            await AssertRefusedAsync(role, "TRUNCATE features");
            await AssertRefusedAsync(role, $"TRUNCATE {partition}");
            await AssertRefusedAsync(role, "TRUNCATE feature_history");
        }
        Assert.NotEqual(0L, await ScalarAsync("map_reader", "SELECT count(*) FROM features WHERE layer_id = 'bases'"));
    }

    /// <summary>The app on this cluster as ./map runs it: migrations as the owner, requests as the writer (pooled).</summary>
    private WebApplicationFactory<Program> App() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                // Pooled, as the app runs: its idle connections stay open for pg_stat_activity to show.
                ["ConnectionStrings:Map"] = Connection("map_writer").Replace("Pooling=false", "Pooling=true", StringComparison.Ordinal),
                ["ConnectionStrings:MapOwner"] = Connection("map_owner"),
                ["Map:GeodataPath"] = MapApplication.FixtureGeodata,
                ["Map:WebRootPath"] = Path.Combine(MapApplication.RepositoryRoot, "wwwroot"),
            }));
        });

    private async Task ExecuteAsync(string role, string sql)
    {
        await using var connection = new NpgsqlConnection(Connection(role));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string role, string sql)
    {
        await using var connection = new NpgsqlConnection(Connection(role));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private async Task AssertRefusedAsync(string role, string sql)
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(role, sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }
}

/// <summary>A cluster made by ./map db start on a port, data folder and secrets file of its own; stopped and removed at the end.</summary>
public sealed class RolesCluster : IAsyncLifetime
{
    public string SecretsFolder { get; } = Path.Combine(Path.GetTempPath(), $"map-roles-{Guid.NewGuid():N}");
    private readonly string data = $"/var/lib/map-postgis/roles-test-{Guid.NewGuid():N}";
    private readonly int port = FreePort();
    public Dictionary<string, string> Passwords { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var (exitCode, errors) = await MapAsync("db start");
        Assert.True(exitCode == 0, errors);
        Passwords = File.ReadAllLines(Path.Combine(SecretsFolder, "database.env"))
            .Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await MapAsync("db stop");
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        if (File.Exists(data + ".log")) File.Delete(data + ".log");
        if (Directory.Exists(SecretsFolder)) Directory.Delete(SecretsFolder, recursive: true);
    }

    public string Connection(string role) =>
        $"Host=127.0.0.1;Port={port};Username={role};Password={Passwords[role]};Database=map;Pooling=false";

    private async Task<(int ExitCode, string Errors)> MapAsync(string command)
    {
        var start = new ProcessStartInfo(Path.Combine(MapApplication.RepositoryRoot, "map"), command)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["MAP_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MAP_PG_DATA"] = data;
        start.Environment["MAP_DB_SECRETS"] = Path.Combine(SecretsFolder, "database.env");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        return (process.ExitCode, errors);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
