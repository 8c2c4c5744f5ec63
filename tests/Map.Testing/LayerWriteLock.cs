using Npgsql;

namespace Map.Testing;

/// <summary>
/// A layer's write lock, taken as an import takes it (ImportSql.LockLayerAsync) and held until disposed: an import of
/// the layer waits for it meanwhile, so a test can catch an import mid-run every time.
/// </summary>
public sealed class LayerWriteLock : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private LayerWriteLock(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (this.connection, this.transaction) = (connection, transaction);

    public static async Task<LayerWriteLock> HoldAsync(NpgsqlDataSource dataSource, string layer)
    {
        var connection = await dataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('map-import:' || @layer))", connection, transaction);
        take.Parameters.AddWithValue("layer", layer);
        await take.ExecuteNonQueryAsync();
        return new LayerWriteLock(connection, transaction);
    }

    /// <summary>Ending the transaction ends the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
