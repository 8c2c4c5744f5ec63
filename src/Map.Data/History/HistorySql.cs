using System.Text.Json;
using System.Text.Json.Nodes;
using Map.Data.Queries;
using Npgsql;
using NpgsqlTypes;

namespace Map.Data.History;

/// <summary>One recorded version of a feature: the feature as it was (null for a deletion) and who recorded it, when and why.</summary>
public sealed record FeatureVersionRecord(
    JsonObject? Feature, DateTimeOffset RecordedFrom, DateTimeOffset? RecordedTo, string RecordedBy, string Origin, string? Comment,
    JsonArray? DeletionSources);

/// <summary>One row of the change feed (the <c>changes</c> table, announced on the <c>map_changes</c> channel).</summary>
public sealed record ChangeEvent(long Cursor, string Layer, string Operation, string[]? Ids, int Count, string Origin);

/// <summary>All SQL of the record-time history and the change feed, in one place.</summary>
public static class HistorySql
{
    public const string Channel = "map_changes";

    /// <summary>Every version of the feature, oldest first; a deletion is a version without a feature.</summary>
    public static async Task<List<FeatureVersionRecord>> VersionsAsync(NpgsqlDataSource dataSource, string layerId, string featureId, CancellationToken ct)
    {
        var p = new SqlParameters();
        var (layer, id) = (p.Add(layerId, NpgsqlDbType.Varchar), p.Add(featureId, NpgsqlDbType.Varchar));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = p.Command($"""
            SELECT {FeatureSql.FeatureJson(SpatialReference.Crs84, null)}, f.recorded_at, f.recorded_to, f.recorded_by, f.record_origin,
                   f.record_comment, f.deleted, f.ended_by, f.end_origin, f.end_comment, f.end_sources::text
            FROM (SELECT {FeatureSql.FeatureColumns}, NULL::timestamptz AS recorded_to, false AS deleted, NULL::text AS ended_by,
                         NULL::text AS end_origin, NULL::text AS end_comment, NULL::jsonb AS end_sources
                  FROM features WHERE layer_id = {layer} AND id = {id}
                  UNION ALL
                  SELECT {FeatureSql.FeatureColumns}, recorded_to, deleted, ended_by, end_origin, end_comment, end_sources
                  FROM feature_history WHERE layer_id = {layer} AND id = {id} AND (recorded_at < recorded_to OR deleted)) f
            ORDER BY f.recorded_at, f.recorded_to NULLS LAST
            """);
        command.Connection = connection;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var versions = new List<FeatureVersionRecord>();
        while (await reader.ReadAsync(ct))
        {
            var to = reader.IsDBNull(2) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(2);
            versions.Add(new(JsonNode.Parse(reader.GetString(0))!.AsObject(), reader.GetFieldValue<DateTimeOffset>(1), to,
                reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), null));
            if (reader.GetBoolean(6))
                versions.Add(new(null, to!.Value, null, reader.GetString(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9),
                    reader.IsDBNull(10) ? null : JsonNode.Parse(reader.GetString(10)) as JsonArray));
        }
        return versions;
    }

    /// <summary>
    /// Changes after <paramref name="since"/>, in cursor order, at most <paramref name="limit"/>. Without
    /// <paramref name="includeUnpublished"/> only changes of layers published now: the public must not learn the ids, or
    /// even the names, of layers it cannot read (a layer that no longer exists counts as unpublished).
    /// </summary>
    public static async Task<List<ChangeEvent>> ChangesAsync(NpgsqlDataSource dataSource, long since, int limit, bool includeUnpublished,
        CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, c.layer_id, c.operation, c.feature_ids, c.feature_count, c.origin
            FROM changes c LEFT JOIN layers l ON l.id = c.layer_id
            WHERE c.id > @since AND (@all OR l.published)
            ORDER BY c.id LIMIT @limit
            """);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("all", includeUnpublished);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var changes = new List<ChangeEvent>();
        while (await reader.ReadAsync(ct))
            changes.Add(new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<string[]>(3), reader.GetInt32(4), reader.GetString(5)));
        return changes;
    }

    /// <summary>Which of <paramref name="layerIds"/> are published now (the live feed asks once per batch of events).</summary>
    public static async Task<HashSet<string>> PublishedLayersAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<string> layerIds,
        CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM layers WHERE published AND id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", layerIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var published = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) published.Add(reader.GetString(0));
        return published;
    }

    /// <summary>The cursor of the latest change (0 when there is none): where a new live subscriber starts.</summary>
    public static async Task<long> LatestCursorAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(id), 0) FROM changes");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Before a replace import swaps in a new table for the layer: locks the layer's current table against edits (SHARE,
    /// to the end of the transaction, so nothing changes between this and the swap), and returns the ids of its features
    /// that <paramref name="staged"/> (the table about to be swapped in) lacks. The swap then keeps the current table as
    /// history (layer_storage.retire, migration LayerTablesBecomeHistory): those features' versions end with a
    /// deletion, the others' with the new version.
    /// </summary>
    /// <remarks>
    /// One hash anti-join of the two primary keys, read by index-only scans (about 16 MB of keys for 200,000 rows, hence
    /// the work_mem; 0.17 s); usually it finds none. No JIT: a per-row plan's cost estimate made PostgreSQL compile the
    /// query, which took longer than running it. No parallel workers: it runs beside the new table's ANALYZE, and three
    /// processes on two cores made it slower (0.28 s) and the ANALYZE too. It reads the new table, so call it once that table has its primary key: its lock on
    /// the table lasts to the swap, and adding the key would wait for it.
    /// </remarks>
    public static async Task<string[]> ReplacedFeaturesGoneAsync(NpgsqlConnection connection, string layerId, string staged, CancellationToken ct)
    {
        await using (var lockLayer = new NpgsqlCommand(
            "SELECT history.lock_layer(@layer); SET LOCAL jit = off; SET LOCAL work_mem = '64MB'; SET LOCAL max_parallel_workers_per_gather = 0",
            connection))
        {
            lockLayer.Parameters.AddWithValue("layer", layerId);
            await lockLayer.ExecuteNonQueryAsync(ct);
        }
        await using var command = new NpgsqlCommand($"""
            SELECT coalesce(array_agg(f.id::text), ARRAY[]::text[]) FROM features f
            WHERE f.layer_id = @layer AND NOT EXISTS (SELECT 1 FROM {staged} s WHERE s.layer_id = f.layer_id AND s.id = f.id)
            """, connection);
        command.CommandTimeout = 0;
        command.Parameters.AddWithValue("layer", NpgsqlDbType.Varchar, layerId);
        return (string[])(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// One change-feed entry for a layer whose contents were swapped in whole (<paramref name="operation"/>
    /// <c>replace</c>, or <c>insert</c> for an append built apart), without ids: readers reload the layer. Call it after
    /// the swap, under its lock, so the feed's lock is never awaited by a transaction that holds it.
    /// </summary>
    public static async Task AnnounceLayerAsync(NpgsqlConnection connection, string layerId, string operation, long count, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(7165064788310943075);
            WITH c AS (
                INSERT INTO changes (layer_id, operation, feature_ids, feature_count, origin, actor)
                VALUES (@layer, @operation, NULL, @count, history.context('origin', 'database'), history.context('actor', 'database'))
                RETURNING id, layer_id, operation, feature_count, origin)
            SELECT pg_notify(@channel, json_build_object('cursor', c.id, 'layer', c.layer_id, 'operation', c.operation, 'ids', NULL,
                       'count', c.feature_count, 'origin', c.origin)::text)
            FROM c
            """, connection);
        command.Parameters.AddWithValue("layer", NpgsqlDbType.Varchar, layerId);
        command.Parameters.AddWithValue("operation", NpgsqlDbType.Varchar, operation);
        command.Parameters.AddWithValue("count", (int)count);
        command.Parameters.AddWithValue("channel", Channel);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static ChangeEvent? ParsePayload(string payload) =>
        JsonSerializer.Deserialize<ChangeEvent>(payload, JsonSerializerOptions.Web);
}
