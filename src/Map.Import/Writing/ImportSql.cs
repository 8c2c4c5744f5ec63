using System.Text.Json;
using Map.Data.Model;
using Npgsql;
using NpgsqlTypes;

namespace Map.Import.Writing;

/// <summary>
/// Every SQL statement of the import, in one place. Values are always parameters; the only identifiers are the
/// fixed table and column names written here.
/// </summary>
public static class ImportSql
{
    /// <summary>The columns COPY fills; the others (accuracy_meters, notes, predecessor_id) stay null.</summary>
    public const string FeatureColumns =
        "id, layer_id, actor_id, name, name_ar, kind, geometry, valid_from, valid_to, date_precision, confidence, approximate, " +
        "sources, properties, import_id, created_at, updated_at";

    public const string CopyFeatures = $"COPY features ({FeatureColumns}) FROM STDIN (FORMAT BINARY)";

    public const string CreateStaging = """
        CREATE TEMP TABLE import_staging (id text, actor_id text, name text, name_ar text, kind text, wkb bytea,
            valid_from date, valid_to date, date_precision text, confidence float8, sources jsonb, properties jsonb) ON COMMIT DROP
        """;

    public const string CopyStaging =
        "COPY import_staging (id, actor_id, name, name_ar, kind, wkb, valid_from, valid_to, date_precision, confidence, sources, properties) " +
        "FROM STDIN (FORMAT BINARY)";

    public const string InsertFromStaging = $"""
        INSERT INTO features ({FeatureColumns})
        SELECT id, @layer, actor_id, name, name_ar, kind, ST_GeomFromWKB(wkb, 4326), valid_from, valid_to, date_precision,
               confidence, false, sources, properties, @import, @now, @now
        FROM import_staging
        """;

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

    /// <returns>The role of the layer, or null when there is no such layer yet.</returns>
    public static async Task<LayerRole?> LayerRoleAsync(NpgsqlConnection connection, string layerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT role FROM layers WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", layerId);
        return await command.ExecuteScalarAsync(ct) is string role ? Enum.Parse<LayerRole>(role) : null;
    }

    /// <summary>Imports into one layer wait for each other; readers are never blocked.</summary>
    public static async Task LockLayerAsync(NpgsqlConnection connection, string layerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('map-import:' || @id))", connection);
        command.Parameters.AddWithValue("id", layerId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <returns>True when the layer did not exist and was created (a presence layer titled by its id).</returns>
    public static async Task<bool> EnsureLayerAsync(
        NpgsqlConnection connection, string layerId, GeometryKind kind, string fileName, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO layers (id, title, description, geometry_kind, role, style, display_order, updated_at)
            SELECT @id, @id, @description, @kind, @role, '{}'::jsonb, coalesce(max(display_order), 0) + 1, @now FROM layers
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """, connection);
        command.Parameters.AddWithValue("id", layerId);
        command.Parameters.AddWithValue("description", $"Imported from {fileName}.");
        command.Parameters.AddWithValue("kind", kind.ToString());
        command.Parameters.AddWithValue("role", nameof(LayerRole.Presence));
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public static async Task<int> DeleteLayerFeaturesAsync(NpgsqlConnection connection, string layerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("DELETE FROM features WHERE layer_id = @id", connection);
        command.Parameters.AddWithValue("id", layerId);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Puts the layer on the map and in /collections (imports leave new layers unpublished unless asked).</summary>
    public static async Task PublishLayerAsync(NpgsqlConnection connection, string layerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("UPDATE layers SET published = true WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", layerId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Moves the layer's UpdatedAt, which drives its ETag and Last-Modified.</summary>
    public static async Task TouchLayerAsync(NpgsqlConnection connection, string layerId, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("UPDATE layers SET updated_at = @now WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", layerId);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records the import as running (or running again, for a job whose row the upload already wrote).</summary>
    public static async Task StartRecordAsync(NpgsqlDataSource dataSource, ImportReport report, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO imports (id, file_name, layer_id, mode, status, records_read, features_imported, features_removed, problem_count, report, started_at)
            VALUES (@id, @file, @layer, @mode, @status, 0, 0, 0, 0, @report, @started)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, report = excluded.report, started_at = excluded.started_at
            """);
        command.Parameters.AddWithValue("id", report.ImportId);
        command.Parameters.AddWithValue("file", Truncate(report.FileName, 500));
        command.Parameters.AddWithValue("layer", Truncate(report.Layer, 64));
        command.Parameters.AddWithValue("mode", report.Mode.ToString());
        command.Parameters.AddWithValue("status", nameof(ImportStatus.Running));
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

    /// <summary>Up to five of the given ids that are already taken (after a unique violation, outside the failed transaction).</summary>
    public static async Task<List<string>> ExistingFeatureIdsAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var taken = new List<string>();
        if (ids.Count == 0) return taken;
        await using var command = dataSource.CreateCommand("SELECT id FROM features WHERE id = ANY(@ids) ORDER BY id LIMIT 5");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) taken.Add(reader.GetString(0));
        return taken;
    }

    public static async Task<ImportReport?> ReadReportAsync(NpgsqlDataSource dataSource, Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT report::text FROM imports WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(ct) is string json ? JsonSerializer.Deserialize<ImportReport>(json, ImportReport.Json) : null;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
