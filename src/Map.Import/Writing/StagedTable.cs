using Map.Data.History;
using Npgsql;

namespace Map.Import.Writing;

/// <summary>
/// A layer's next contents, built off to the side: a new table of layer_storage (layer_storage.create_table), not
/// attached, so readers never see it. Its rows arrive by binary COPY into a table without indexes; then every index
/// is built in one sorted pass, the btree indexes on this session and the GiST index on a second one at the same time
/// (2 cores), and the table is made ready to attach (keys, statistics). <see cref="LayerLock.SwapInAsync"/> puts it in
/// place. Disposed before that, it is dropped.
/// </summary>
internal sealed class StagedTable : IAsyncDisposable
{
    private bool swappedIn;
    private NpgsqlTransaction? loading;
    private Task<long>? currentRows;

    private readonly NpgsqlDataSource dataSource;

    private StagedTable(NpgsqlDataSource dataSource, NpgsqlConnection connection, string name)
    {
        this.dataSource = dataSource;
        Connection = connection;
        Name = name;
    }

    /// <summary>The connection that made the table, outside any transaction but the COPY's, so a second session can index it.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>Schema-qualified, as PostgreSQL wrote it (layer_storage.features_17).</summary>
    public string Name { get; }

    /// <summary>The table's rows: the layer's current ones copied in (a rebuild) and those written by COPY (<see cref="LoadedAsync"/>).</summary>
    public long Rows { get; private set; }

    /// <param name="withCurrentRows">
    /// Start from the layer's current rows (an append that rebuilds the layer): they are copied in on a session of their
    /// own while the file's rows arrive by COPY on this one (<see cref="LoadedAsync"/> waits for both).
    /// </param>
    /// <param name="record">Who the new rows are recorded as written by (their recorded_by and record_origin defaults).</param>
    public static async Task<StagedTable> CreateAsync(
        NpgsqlDataSource dataSource, string layerId, bool withCurrentRows, RecordContext record, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        // Outside a transaction, so for the session: the pool resets it when the connection goes back.
        await record.ApplyToSessionAsync(connection, ct);
        await ImportSql.PrepareBuildSessionAsync(connection, ct);
        StagedTable? table = null;
        try
        {
            // A table that only COPY fills is created in the COPY's transaction, so that COPY may write its rows frozen
            // (FREEZE): every later reader — each index build, the foreign-key check, ANALYZE — then reads them without
            // first looking up and marking their transaction's commit, which costs each of them a pass over the new rows.
            // A rebuild's table must be visible to the second session that copies the layer's rows in, so it is committed first.
            var loading = withCurrentRows ? null : await connection.BeginTransactionAsync(ct);
            table = new StagedTable(dataSource, connection, await ImportSql.CreateTableAsync(connection, layerId, ct));
            if (withCurrentRows) table.currentRows = table.CopyCurrentRowsAsync(layerId, ct);
            table.loading = loading ?? await connection.BeginTransactionAsync(ct);
            table.RecordedAt = await ImportSql.TransactionTimeAsync(connection, ct);
            return table;
        }
        catch
        {
            if (table is not null) await table.DisposeAsync(); else await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The COPY that loads the table, in its transaction: FREEZE when the table was created in it (nobody else writes it).</summary>
    public string CopyCommand => ImportSql.CopyInto(Name, freeze: currentRows is null);

    /// <summary>
    /// Builds the indexes of the loaded table — btree on this session, the others (GiST) on a second session, side by
    /// side — then adds the table's primary key, and its foreign keys and statistics. A taken id fails the primary key's
    /// build (unique violation).
    /// </summary>
    /// <param name="searchable">
    /// The layer will be published after the swap: its table also gets the trigram indexes of name search (on the second
    /// session, after the GiST index), which an unpublished layer's table does without.
    /// </param>
    /// <param name="keyed">
    /// Runs on another session once the table has its primary key, beside the foreign keys and statistics (a replace
    /// finds the replaced features this table lacks then). It may hold a lock on the table to the end of its
    /// transaction: nothing here needs more than foreign keys and ANALYZE take.
    /// </param>
    public async Task PrepareAsync(bool searchable, Func<Task>? keyed, CancellationToken ct)
    {
        var indexes = await ImportSql.IndexNamesAsync(Connection, ct);
        await using (var second = await dataSource.OpenConnectionAsync(ct))
        {
            await ImportSql.PrepareBuildSessionAsync(second, ct);
            await Task.WhenAll(
                BuildAsync(Connection, indexes.Where(i => i.Btree).Select(i => i.Name), false, ct),
                BuildAsync(second, indexes.Where(i => !i.Btree).Select(i => i.Name), searchable, ct));
        }
        await ImportSql.AddPrimaryKeyAsync(Connection, Name, ct);
        await Task.WhenAll(ImportSql.PrepareTableAsync(Connection, Name, ct), keyed?.Invoke() ?? Task.CompletedTask);
    }

    private async Task BuildAsync(NpgsqlConnection session, IEnumerable<string> indexes, bool searchIndexes, CancellationToken ct)
    {
        foreach (var index in indexes) await ImportSql.BuildIndexAsync(session, Name, index, ct);
        if (searchIndexes) await ImportSql.BuildSearchIndexesAsync(session, Name, ct);
    }

    /// <summary>
    /// When the rows COPY writes are recorded (their recorded_at: the time of the COPY's transaction, which
    /// <see cref="CreateAsync"/> opens), where the replaced rows' recorded period ends.
    /// </summary>
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>
    /// After the COPY: commits it and counts the rows it wrote (it refuses the whole batch or takes every row), and the
    /// layer's current rows once they are in (a rebuild).
    /// </summary>
    public async Task LoadedAsync(long rows, CancellationToken ct)
    {
        await loading!.CommitAsync(ct);
        await loading.DisposeAsync();
        loading = null;
        Rows += rows;
        if (currentRows is not null) Rows += await currentRows;
    }

    private async Task<long> CopyCurrentRowsAsync(string layerId, CancellationToken ct)
    {
        await using var session = await dataSource.OpenConnectionAsync(ct);
        await ImportSql.PrepareBuildSessionAsync(session, ct);
        return await ImportSql.CopyLayerRowsAsync(session, Name, layerId, ct);
    }

    public void MarkSwappedIn() => swappedIn = true;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (loading is not null) await loading.DisposeAsync();
            // The copy of the layer's rows ends (or fails) on its own session before its table is dropped; its error, if
            // any, is the import's already.
            if (currentRows is not null) await Task.WhenAny(currentRows);
            // A table created in the COPY's transaction is gone with its rollback.
            if (!swappedIn && await ImportSql.TableExistsAsync(Connection, Name, CancellationToken.None))
                await ImportSql.DropTableAsync(Connection, Name, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The connection broke: the next import of this layer drops the table (layer_storage.drop_abandoned).
        }
        await Connection.DisposeAsync();
    }
}
