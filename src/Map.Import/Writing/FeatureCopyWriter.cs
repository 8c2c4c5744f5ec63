using Map.Import.Mapping;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace Map.Import.Writing;

/// <summary>How rows reach the features table; bench/import measures both (see bench/import/RESULTS.md).</summary>
public enum CopyStrategy
{
    /// <summary>Binary COPY straight into features, geometries sent by Npgsql's NetTopologySuite plugin.</summary>
    Direct,
    /// <summary>Binary COPY of WKB into a temporary table, then INSERT … SELECT ST_GeomFromWKB into features.</summary>
    Staging,
}

/// <summary>
/// Streams feature rows into PostgreSQL with binary COPY inside the import's transaction. Nothing is visible to other
/// sessions until that transaction commits; disposing without <see cref="CompleteAsync"/> cancels the COPY.
/// </summary>
public sealed class FeatureCopyWriter : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlBinaryImporter importer;
    private readonly CopyStrategy strategy;
    private readonly string layerId;
    private readonly Guid importId;
    private readonly DateTimeOffset now;
    private readonly WKBWriter wkb = new(ByteOrder.LittleEndian, handleSRID: false, emitZ: false, emitM: false);

    private FeatureCopyWriter(
        NpgsqlConnection connection, NpgsqlBinaryImporter importer, CopyStrategy strategy, string layerId, Guid importId, DateTimeOffset now)
    {
        this.connection = connection;
        this.importer = importer;
        this.strategy = strategy;
        this.layerId = layerId;
        this.importId = importId;
        this.now = now;
    }

    public static async Task<FeatureCopyWriter> BeginAsync(
        NpgsqlConnection connection, CopyStrategy strategy, string layerId, Guid importId, DateTimeOffset now, CancellationToken ct)
    {
        if (strategy == CopyStrategy.Staging)
        {
            await using var create = new NpgsqlCommand(ImportSql.CreateStaging, connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        var importer = await connection.BeginBinaryImportAsync(strategy == CopyStrategy.Direct ? ImportSql.CopyFeatures : ImportSql.CopyStaging, ct);
        return new FeatureCopyWriter(connection, importer, strategy, layerId, importId, now);
    }

    /// <summary>Synchronous on purpose: Npgsql buffers rows and only blocks to flush, and per-value awaits cost more than they save here.</summary>
    public void Write(FeatureRow row)
    {
        importer.StartRow();
        importer.Write(row.Id, NpgsqlDbType.Text);
        if (strategy == CopyStrategy.Direct) importer.Write(layerId, NpgsqlDbType.Text);
        WriteNullable(row.ActorId);
        importer.Write(row.Name, NpgsqlDbType.Text);
        WriteNullable(row.NameAr);
        importer.Write(row.Kind, NpgsqlDbType.Text);
        if (strategy == CopyStrategy.Direct) importer.Write(row.Geometry, NpgsqlDbType.Geometry);
        else importer.Write(wkb.Write(row.Geometry), NpgsqlDbType.Bytea);
        importer.Write(row.ValidFrom, NpgsqlDbType.Date);
        if (row.ValidTo is { } to) importer.Write(to, NpgsqlDbType.Date); else importer.WriteNull();
        importer.Write(row.DatePrecision.ToString(), NpgsqlDbType.Text);
        importer.Write(row.Confidence, NpgsqlDbType.Double);
        if (strategy == CopyStrategy.Direct) importer.Write(false, NpgsqlDbType.Boolean);
        importer.Write(row.SourcesJson, NpgsqlDbType.Jsonb);
        importer.Write(row.PropertiesJson, NpgsqlDbType.Jsonb);
        if (strategy == CopyStrategy.Direct)
        {
            importer.Write(importId, NpgsqlDbType.Uuid);
            importer.Write(now, NpgsqlDbType.TimestampTz);
            importer.Write(now, NpgsqlDbType.TimestampTz);
        }
    }

    private void WriteNullable(string? text)
    {
        if (text is null) importer.WriteNull(); else importer.Write(text, NpgsqlDbType.Text);
    }

    /// <returns>The number of rows now in the features table from this import.</returns>
    public async Task<long> CompleteAsync(CancellationToken ct)
    {
        var copied = (long)await importer.CompleteAsync(ct);
        await importer.DisposeAsync();
        if (strategy == CopyStrategy.Direct) return copied;

        await using var insert = new NpgsqlCommand(ImportSql.InsertFromStaging, connection);
        insert.Parameters.AddWithValue("layer", layerId);
        insert.Parameters.AddWithValue("import", importId);
        insert.Parameters.AddWithValue("now", now);
        return await insert.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => importer.DisposeAsync();
}
