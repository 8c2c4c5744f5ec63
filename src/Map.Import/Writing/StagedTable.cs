using Npgsql;

namespace Map.Import.Writing;

/// <summary>
/// A layer's next contents, built off to the side: a new table of layer_storage (layer_storage.create_table), not
/// attached, so readers never see it. Rows arrive by binary COPY with no index to maintain; then the indexes of
/// features are built in one go, two at a time from two sessions, and the table is made ready to attach (keys,
/// statistics). <see cref="LayerLock.SwapInAsync"/> puts it in place. Disposed before that, it is dropped.
/// </summary>
internal sealed class StagedTable : IAsyncDisposable
{
    private bool swappedIn;

    private StagedTable(NpgsqlConnection connection, string name)
    {
        Connection = connection;
        Name = name;
    }

    /// <summary>The connection that made the table, outside any transaction, so a second session can index it.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>Schema-qualified, as PostgreSQL wrote it (layer_storage.features_17).</summary>
    public string Name { get; }

    /// <summary>The table's rows: the layer's current ones copied in (a rebuild) and those written by COPY (<see cref="AddRows"/>).</summary>
    public long Rows { get; private set; }

    /// <param name="withCurrentRows">Start from the layer's current rows (an append that rebuilds the layer).</param>
    public static async Task<StagedTable> CreateAsync(NpgsqlDataSource dataSource, string layerId, bool withCurrentRows, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        StagedTable? table = null;
        try
        {
            table = new StagedTable(connection, await ImportSql.CreateTableAsync(connection, layerId, ct));
            if (withCurrentRows) table.Rows = await ImportSql.CopyLayerRowsAsync(connection, table.Name, layerId, ct);
            return table;
        }
        catch
        {
            if (table is not null) await table.DisposeAsync(); else await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Builds the twin of every index of features on the filled table — the spatial one in a second session while this
    /// one builds the others (the two cores both work) — then adds its keys and analyses it.
    /// </summary>
    public async Task PrepareAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var indexes = await ImportSql.IndexNamesAsync(Connection, ct);
        await using (var second = await dataSource.OpenConnectionAsync(ct))
        {
            var first = ImportSql.BuildIndexAsync(second, Name, indexes[0], ct);
            var rest = BuildAsync(indexes.Skip(1));
            await Task.WhenAll(first, rest);
        }
        await ImportSql.PrepareTableAsync(Connection, Name, ct);

        async Task BuildAsync(IEnumerable<string> names)
        {
            foreach (var index in names) await ImportSql.BuildIndexAsync(Connection, Name, index, ct);
        }
    }

    /// <summary>Counts the rows COPY wrote (COPY refuses the whole batch or takes every row).</summary>
    public void AddRows(long rows) => Rows += rows;

    public void MarkSwappedIn() => swappedIn = true;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!swappedIn) await ImportSql.DropTableAsync(Connection, Name, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The connection broke: the next import of this layer drops the table (layer_storage.drop_abandoned).
        }
        await Connection.DisposeAsync();
    }
}
