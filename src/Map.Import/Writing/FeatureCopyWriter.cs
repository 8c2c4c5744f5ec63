using Map.Import.Mapping;
using Npgsql;
using NpgsqlTypes;

namespace Map.Import.Writing;

/// <summary>
/// Streams feature rows into one table with binary COPY: a new table of layer_storage (replace, and append by
/// rebuilding) or the live features table (append in place, inside the import's transaction). Nothing is visible to
/// readers until the import's swap or commit; disposing without <see cref="CompleteAsync"/> cancels the COPY.
/// </summary>
internal sealed class FeatureCopyWriter : IAsyncDisposable
{
    private readonly NpgsqlBinaryImporter importer;
    private readonly string layerId;
    private readonly Guid importId;
    private readonly DateTimeOffset now;

    private FeatureCopyWriter(NpgsqlBinaryImporter importer, string layerId, Guid importId, DateTimeOffset now)
    {
        this.importer = importer;
        this.layerId = layerId;
        this.importId = importId;
        this.now = now;
    }

    public static async Task<FeatureCopyWriter> BeginAsync(
        NpgsqlConnection connection, string table, string layerId, Guid importId, DateTimeOffset now, CancellationToken ct) =>
        new(await connection.BeginBinaryImportAsync(ImportSql.CopyInto(table), ct), layerId, importId, now);

    /// <summary>Synchronous on purpose: Npgsql buffers rows and only blocks to flush, and per-value awaits cost more than they save here.</summary>
    public void Write(FeatureRow row)
    {
        importer.StartRow();
        importer.Write(row.Id, NpgsqlDbType.Text);
        importer.Write(layerId, NpgsqlDbType.Text);
        WriteNullable(row.ActorId);
        importer.Write(row.Name, NpgsqlDbType.Text);
        WriteNullable(row.NameAr);
        importer.Write(row.Kind, NpgsqlDbType.Text);
        importer.Write(row.Geometry, NpgsqlDbType.Geometry);
        importer.Write(row.ValidFrom, NpgsqlDbType.Date);
        if (row.ValidTo is { } to) importer.Write(to, NpgsqlDbType.Date); else importer.WriteNull();
        importer.Write(row.DatePrecision.ToString(), NpgsqlDbType.Text);
        importer.Write(row.Confidence, NpgsqlDbType.Double);
        importer.Write(false, NpgsqlDbType.Boolean);
        importer.Write(row.SourcesJson, NpgsqlDbType.Jsonb);
        importer.Write(row.PropertiesJson, NpgsqlDbType.Jsonb);
        importer.Write(importId, NpgsqlDbType.Uuid);
        importer.Write(now, NpgsqlDbType.TimestampTz);
        importer.Write(now, NpgsqlDbType.TimestampTz);
    }

    private void WriteNullable(string? text)
    {
        if (text is null) importer.WriteNull(); else importer.Write(text, NpgsqlDbType.Text);
    }

    /// <returns>The number of rows copied.</returns>
    public async Task<long> CompleteAsync(CancellationToken ct)
    {
        var copied = (long)await importer.CompleteAsync(ct);
        await importer.DisposeAsync();
        return copied;
    }

    public ValueTask DisposeAsync() => importer.DisposeAsync();
}
