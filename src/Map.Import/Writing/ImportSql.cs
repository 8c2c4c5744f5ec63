using System.Text.Json;
using Map.Data.Model;
using Npgsql;
using NpgsqlTypes;

namespace Map.Import.Writing;

/// <summary>What an import needs to know of its layer before it writes; null when the layer does not exist yet.</summary>
internal sealed record LayerState(LayerRole Role, GeometryKind GeometryKind, long FeatureCount, bool Published);

/// <summary>
/// Every SQL statement of the import service, in one place. Values are always parameters. The only identifiers are
/// the fixed names written here and the names of tables that the layer_storage functions created and returned
/// (never a layer id or any other text from a request).
/// </summary>
/// <remarks>
/// The DDL itself lives in the layer_storage functions of the PartitionedFeatures migration: they run as the owner
/// of features, so the import can replace a layer without owning any table.
/// </remarks>
internal static class ImportSql
{
    /// <summary>The columns COPY fills; the others (accuracy_meters, notes, predecessor_id) stay null.</summary>
    public const string FeatureColumns =
        "id, layer_id, actor_id, name, name_ar, kind, geometry, valid_from, valid_to, date_precision, confidence, approximate, " +
        "sources, properties, import_id, created_at, updated_at";

    /// <summary>
    /// Binary COPY into <paramref name="table"/>: the live features table or a table of layer_storage.create_table;
    /// <paramref name="freeze"/> only into a table created in the COPY's own transaction.
    /// </summary>
    public static string CopyInto(string table, bool freeze = false) =>
        $"COPY {table} ({FeatureColumns}) FROM STDIN (FORMAT BINARY{(freeze ? ", FREEZE" : "")})";

    /// <summary>The parent table, for appends in place (rows are routed to the layer's partition).</summary>
    public const string LiveFeatures = "features";

    public static async Task<Dictionary<string, string>> ActorLookupAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var lookup = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using var command = new NpgsqlCommand("SELECT id, name, name_ar FROM actors", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetString(0);
            lookup[id] = id;
            foreach (var alias in new[] { reader.GetString(1), reader.GetString(2) })
                if (alias.Length > 0) lookup.TryAdd(alias, id);
        }
        return lookup;
    }

    public static async Task<LayerState?> LayerAsync(NpgsqlConnection connection, string layerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT role, geometry_kind, feature_count, published FROM layers WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", layerId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new LayerState(
            Enum.Parse<LayerRole>(reader.GetString(0)), Enum.Parse<GeometryKind>(reader.GetString(1)), reader.GetInt64(2), reader.GetBoolean(3));
    }

    /// <summary>
    /// The write lock of a layer, held to the end of the connection's transaction: imports and the seeder write a layer
    /// one at a time. Readers never take it.
    /// </summary>
    public static async Task LockLayerAsync(NpgsqlConnection connection, string layerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('map-import:' || @id))", connection);
        command.Parameters.AddWithValue("id", layerId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Tables an earlier, killed import of this layer left unattached; call it holding the layer's lock.</summary>
    public static async Task DropAbandonedTablesAsync(NpgsqlConnection connection, string layerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT layer_storage.drop_abandoned(@id)", connection);
        command.Parameters.AddWithValue("id", layerId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The settings of every session that builds a new table (its COPY, its index builds, the copy of a rebuilt layer's
    /// rows), for the session: the pool resets them when the connection goes back.
    /// <list type="bullet">
    /// <item>It commits without waiting for the WAL flush (its COPY and each index build commit on their own). Nothing is
    /// lost that matters: until the swap the table is nobody's, a crash leaves it to drop_abandoned, and the swap commits
    /// on the lock's session, synchronously, which flushes the WAL up to and including everything this session wrote —
    /// so a standby and a restart see the new table whole with the swap.</item>
    /// <item>Memory for index builds: each index is one sort of the whole table, which past the default 64 MB spills to
    /// disk (200,000 points: GiST 0.43 s at 64 MB, 0.37 s at 128 MB).</item>
    /// <item>No parallel workers: two sessions already build side by side on this machine's two cores, and a btree
    /// build's workers took CPU from the GiST build beside it (bench/import/RESULTS.md).</item>
    /// </list>
    /// </summary>
    public static async Task PrepareBuildSessionAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SET synchronous_commit = off; SET maintenance_work_mem = '128MB'; SET max_parallel_maintenance_workers = 0", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <returns>The new table, schema-qualified and quoted by PostgreSQL (e.g. layer_storage.features_17).</returns>
    public static async Task<string> CreateTableAsync(NpgsqlConnection connection, string layerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT layer_storage.create_table(@id)::text", connection);
        command.Parameters.AddWithValue("id", layerId);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>An append that rebuilds the layer starts its new table with the layer's current rows.</summary>
    public static async Task<long> CopyLayerRowsAsync(NpgsqlConnection connection, string table, string layerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"INSERT INTO {table} SELECT * FROM features WHERE layer_id = @id", connection);
        command.Parameters.AddWithValue("id", layerId);
        command.CommandTimeout = 0;
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The time of the connection's transaction: the recorded_at of every row it writes (the column's default).</summary>
    public static async Task<DateTimeOffset> TransactionTimeAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT transaction_timestamp()", connection);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(ct))!, TimeSpan.Zero);
    }

    /// <summary>The indexes of features, primary key first, and whether each is a btree index (the others are GiST).</summary>
    public static async Task<List<(string Name, bool Btree)>> IndexNamesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var names = new List<(string, bool)>();
        await using var command = new NpgsqlCommand("SELECT name, btree FROM layer_storage.index_names()", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add((reader.GetString(0), reader.GetBoolean(1)));
        return names;
    }

    public static async Task BuildIndexAsync(NpgsqlConnection connection, string table, string index, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT layer_storage.build_index(@table::regclass, @index)", connection);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("index", index);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The two trigram indexes of name search, which only a published layer's table has (layer_storage.build_search_indexes).</summary>
    public static async Task BuildSearchIndexesAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT layer_storage.build_search_indexes(@table::regclass)", connection);
        command.Parameters.AddWithValue("table", table);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The primary key from its index (build_index); <see cref="PrepareTableAsync"/> adds it when this was not called.</summary>
    public static async Task AddPrimaryKeyAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT layer_storage.add_primary_key(@table::regclass)", connection);
        command.Parameters.AddWithValue("table", table);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Keys, foreign keys and statistics: the table is then ready to be swapped in.</summary>
    public static async Task PrepareTableAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT layer_storage.prepare_table(@table::regclass)", connection);
        command.Parameters.AddWithValue("table", table);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<bool> TableExistsAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        command.Parameters.AddWithValue("table", table);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task DropTableAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT layer_storage.drop_table(@table::regclass)", connection);
        command.Parameters.AddWithValue("table", table);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Waits at most this long for a lock inside the swap; the swap is then retried. Without it, a long read would
    /// make the swap wait, and every other reader of features would queue behind the swap's lock request.
    /// </summary>
    public static async Task SetLockTimeoutAsync(NpgsqlConnection connection, TimeSpan timeout, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"SET LOCAL lock_timeout = '{(int)timeout.TotalMilliseconds}ms'", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A new layer: a presence layer titled by its id. Its (empty) partition is created by the trigger on layers.</summary>
    public static async Task InsertLayerAsync(
        NpgsqlConnection connection, string layerId, GeometryKind kind, string fileName, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO layers (id, title, description, geometry_kind, role, style, display_order, updated_at)
            SELECT @id, @id, @description, @kind, @role, '{}'::jsonb, coalesce(max(display_order), 0) + 1, @now FROM layers
            """, connection);
        command.Parameters.AddWithValue("id", layerId);
        command.Parameters.AddWithValue("description", $"Imported from {fileName}.");
        command.Parameters.AddWithValue("kind", kind.ToString());
        command.Parameters.AddWithValue("role", nameof(LayerRole.Presence));
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Detaches the layer's partition and attaches the prepared table in its place. With <paramref name="replacedUntil"/>
    /// (a replace) the detached table becomes history ending then, <paramref name="gone"/> its features that end with a
    /// deletion; without (an append rebuilt the layer: its rows are all in the new table) it is dropped.
    /// </summary>
    public static async Task SwapInAsync(
        NpgsqlConnection connection, string layerId, string table, DateTimeOffset? replacedUntil, string[] gone, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT layer_storage.swap_in(@id, @table::regclass, @until, @gone)", connection);
        command.Parameters.AddWithValue("id", layerId);
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("until", NpgsqlDbType.TimestampTz, (object?)replacedUntil ?? DBNull.Value);
        command.Parameters.AddWithValue("gone", NpgsqlDbType.Array | NpgsqlDbType.Text, gone);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>After a swap: the layer's exact count, its kind (a replace may change it) and its stamp (ETags).</summary>
    public static async Task SetLayerContentsAsync(
        NpgsqlConnection connection, string layerId, long count, GeometryKind kind, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE layers SET feature_count = @count, geometry_kind = @kind, updated_at = @now WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", layerId);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("kind", kind.ToString());
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Puts the layer on the map and in /collections (imports leave new layers unpublished unless asked).</summary>
    public static async Task PublishLayerAsync(NpgsqlConnection connection, string layerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("UPDATE layers SET published = true WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", layerId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Moves the layer's UpdatedAt, which drives its ETag and Last-Modified (the count is kept by the trigger on features).</summary>
    public static async Task TouchLayerAsync(NpgsqlConnection connection, string layerId, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("UPDATE layers SET updated_at = @now WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", layerId);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>ANALYZE of the layer's partition, so the planner knows its new rows.</summary>
    public static async Task RefreshStatisticsAsync(NpgsqlConnection connection, string layerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT layer_storage.refresh_statistics(@id)", connection);
        command.Parameters.AddWithValue("id", layerId);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records the import as running (or running again, for a queued import whose row was written when it was queued).</summary>
    public static async Task StartRecordAsync(NpgsqlDataSource dataSource, ImportReport report, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await StartRecordAsync(connection, report, ct);
    }

    /// <summary>The same on <paramref name="connection"/>, in its transaction (the queue records a job with its import).</summary>
    public static async Task StartRecordAsync(NpgsqlConnection connection, ImportReport report, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO imports (id, file_name, layer_id, mode, status, records_read, features_imported, features_removed, problem_count,
                report, started_at)
            VALUES (@id, @file, @layer, @mode, @status, 0, 0, 0, 0, @report, @started)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, report = excluded.report, started_at = excluded.started_at
            """, connection);
        command.Parameters.AddWithValue("id", report.ImportId);
        command.Parameters.AddWithValue("file", Truncate(report.FileName, 500));
        command.Parameters.AddWithValue("layer", Truncate(report.Layer, 64));
        command.Parameters.AddWithValue("mode", report.Mode.ToString());
        command.Parameters.AddWithValue("status", report.Status.ToString());
        command.Parameters.AddWithValue("report", NpgsqlDbType.Jsonb, report.ToJson());
        command.Parameters.AddWithValue("started", report.StartedAt);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes the final state; inside the import's transaction for a success, on its own after a rollback for a failure.</summary>
    public static async Task FinishRecordAsync(NpgsqlConnection connection, ImportReport report, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE imports SET status = @status, records_read = @records, features_imported = @imported, features_removed = @removed,
                problem_count = @problems, source_crs = @crs, encoding = @encoding, report = @report, finished_at = @finished
            WHERE id = @id
            """, connection);
        command.Parameters.AddWithValue("id", report.ImportId);
        command.Parameters.AddWithValue("status", report.Status.ToString());
        command.Parameters.AddWithValue("records", report.Records);
        command.Parameters.AddWithValue("imported", report.Imported);
        command.Parameters.AddWithValue("removed", report.Removed);
        command.Parameters.AddWithValue("problems", report.ProblemCount);
        command.Parameters.AddWithValue("crs", (object?)report.SourceCrs ?? DBNull.Value);
        command.Parameters.AddWithValue("encoding", (object?)report.Encoding ?? DBNull.Value);
        command.Parameters.AddWithValue("report", NpgsqlDbType.Jsonb, report.ToJson());
        command.Parameters.AddWithValue("finished", (object?)report.FinishedAt ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Up to five of the given ids that the layer already holds.</summary>
    public static async Task<List<string>> ExistingFeatureIdsAsync(
        NpgsqlConnection connection, string layerId, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var taken = new List<string>();
        if (ids.Count == 0) return taken;
        await using var command = new NpgsqlCommand(
            "SELECT id FROM features WHERE layer_id = @layer AND id = ANY(@ids) ORDER BY id LIMIT 5", connection);
        command.Parameters.AddWithValue("layer", layerId);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) taken.Add(reader.GetString(0));
        return taken;
    }

    /// <summary>The first key of the advisory locks that say an import is running (the second is hashtext of its id).</summary>
    private const int RunLockSpace = 7165;

    /// <summary>
    /// Says that this session runs the import, until the session ends: a lock on its id, taken before its row is written,
    /// so that no other session can see the row running without the lock held (<see cref="InterruptedRunsAsync"/>).
    /// </summary>
    public static async Task HoldRunAsync(NpgsqlConnection connection, Guid importId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@space, hashtext(@id::text))", connection);
        command.Parameters.AddWithValue("space", RunLockSpace);
        command.Parameters.AddWithValue("id", importId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The reports of imports recorded as running that nothing runs: no job holds them (a job's worker is the queue's
    /// business: its lease) and no session holds their run lock (<see cref="HoldRunAsync"/>): the process that ran them
    /// ended before they did. Their rows are locked (FOR UPDATE) in the connection's transaction; rows another session
    /// is already ending are skipped.
    /// </summary>
    public static async Task<List<ImportReport>> InterruptedRunsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT i.report::text FROM imports i
            WHERE i.status = 'Running' AND NOT EXISTS (SELECT FROM import_jobs j WHERE j.id = i.id)
              AND NOT EXISTS (
                  SELECT FROM pg_locks l
                  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    AND l.classid::bigint = @space AND l.objid::bigint = (hashtext(i.id::text)::bigint & 4294967295))
            FOR UPDATE OF i SKIP LOCKED
            """, connection);
        command.Parameters.AddWithValue("space", (long)RunLockSpace);
        var reports = new List<ImportReport>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (JsonSerializer.Deserialize<ImportReport>(reader.GetString(0), ImportReport.Json) is { } report) reports.Add(report);
        return reports;
    }

    public static async Task<ImportReport?> ReadReportAsync(NpgsqlDataSource dataSource, Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT report::text FROM imports WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(ct) is string json ? JsonSerializer.Deserialize<ImportReport>(json, ImportReport.Json) : null;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
