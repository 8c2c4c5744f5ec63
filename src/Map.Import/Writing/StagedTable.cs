using Npgsql;

namespace Map.Import.Writing;

/// <summary>
/// A layer's next contents, built off to the side: a new table of layer_storage (layer_storage.create_table), not
/// attached, so readers never see it. Its btree indexes exist before the rows arrive by binary COPY (kept up to date
/// while the import reads its file), its GiST index is built in one sorted pass after them, and the table is made
/// ready to attach (keys, statistics). <see cref="LayerLock.SwapInAsync"/> puts it in place. Disposed before that, it
/// is dropped.
/// </summary>
internal sealed class StagedTable : IAsyncDisposable
{
    private bool swappedIn;

    private readonly List<string> afterLoad = [];

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
            foreach (var (index, afterLoad) in await ImportSql.IndexNamesAsync(connection, ct))
            {
                if (afterLoad) table.afterLoad.Add(index);
                else await ImportSql.BuildIndexAsync(connection, table.Name, index, ct);
            }
            if (withCurrentRows) table.Rows = await ImportSql.CopyLayerRowsAsync(connection, table.Name, layerId, ct);
            return table;
        }
        catch
        {
            if (table is not null) await table.DisposeAsync(); else await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds the indexes left for after the load (the spatial one), then adds the table's keys and analyses it.</summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        foreach (var index in afterLoad) await ImportSql.BuildIndexAsync(Connection, Name, index, ct);
        await ImportSql.PrepareTableAsync(Connection, Name, ct);
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
