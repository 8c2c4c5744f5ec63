using System.Buffers.Binary;
using System.Text;
using Map.Data.Model;
using Map.Import.Mapping;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace Map.Import.Writing;

/// <summary>
/// Streams feature rows into one table with binary COPY: a new table of layer_storage (replace, and append by
/// rebuilding) or the live features table (append in place, inside the import's transaction). Nothing is visible to
/// readers until the import's swap or commit; disposing without <see cref="CompleteAsync"/> cancels the COPY.
/// </summary>
/// <remarks>
/// It writes PostgreSQL's binary COPY format itself, into one buffer, from the mapper's UTF-8 (text, JSON) and EWKB
/// (geometry): per value that is a length and a copy. Through Npgsql's binary importer each value was a parameter
/// to bind and convert, which cost more CPU than reading the shapefile (bench/import/RESULTS.md).
/// </remarks>
internal sealed class FeatureCopyWriter : IAsyncDisposable
{
    /// <summary>The columns of <see cref="ImportSql.FeatureColumns"/>, in order.</summary>
    private const short Columns = 17;
    private const int FlushAt = 1 << 16;

    private static readonly byte[] Header = [.. "PGCOPY\n"u8, 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly DateOnly PostgresEpochDay = new(2000, 1, 1);
    private static readonly Dictionary<DatePrecision, byte[]> Precisions =
        Enum.GetValues<DatePrecision>().ToDictionary(p => p, p => Encoding.UTF8.GetBytes(p.ToString()));

    private readonly NpgsqlRawCopyStream stream;
    private readonly byte[] layerId;
    private readonly byte[] importId = new byte[16];
    private readonly long now;
    private readonly WKBWriter wkb = new(ByteOrder.LittleEndian, handleSRID: true, emitZ: false, emitM: false);
    private readonly byte[] pointBytes = new byte[25];
    private byte[] buffer = new byte[FlushAt * 2];
    private int used;
    private long rows;
    private bool completed;

    private FeatureCopyWriter(NpgsqlRawCopyStream stream, string layerId, Guid importId, DateTimeOffset now)
    {
        this.stream = stream;
        this.layerId = Encoding.UTF8.GetBytes(layerId);
        importId.TryWriteBytes(this.importId, bigEndian: true, out _);
        this.now = (now.UtcTicks - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks) / 10;
        Bytes(Header);
    }

    /// <param name="copy">The COPY command (<see cref="ImportSql.CopyInto"/>).</param>
    public static async Task<FeatureCopyWriter> BeginAsync(
        NpgsqlConnection connection, string copy, string layerId, Guid importId, DateTimeOffset now, CancellationToken ct) =>
        new(await connection.BeginRawBinaryCopyAsync(copy, ct), layerId, importId, now);

    /// <summary>Synchronous on purpose: rows go into the buffer, which is sent every 64 KB; per-row awaits cost more than they save.</summary>
    public void Write(FeatureRow row)
    {
        var geometry = Ewkb(row.Geometry);
        Reserve(2 + Columns * 4 + row.Id.Length + layerId.Length + (row.ActorId?.Length ?? 0) + row.Name.Length + (row.NameAr?.Length ?? 0)
            + row.Kind.Length + geometry.Length + 4 + 4 + 5 + 8 + 1 + 1 + row.SourcesJson.Length + 1 + row.PropertiesJson.Length + 16 + 8 + 8);
        Int16(Columns);
        Field(row.Id.Span);
        Field(layerId);
        Field(row.ActorId);
        Field(row.Name.Span);
        Field(row.NameAr);
        Field(row.Kind.Span);
        Field(geometry);
        Int32(4);
        Int32(row.ValidFrom.DayNumber - PostgresEpochDay.DayNumber);
        if (row.ValidTo is { } to)
        {
            Int32(4);
            Int32(to.DayNumber - PostgresEpochDay.DayNumber);
        }
        else Int32(-1);
        Field(Precisions[row.DatePrecision]);
        Int32(8);
        BinaryPrimitives.WriteDoubleBigEndian(buffer.AsSpan(used), row.Confidence);
        used += 8;
        Int32(1);
        buffer[used++] = 0;
        Jsonb(row.SourcesJson.Span);
        Jsonb(row.PropertiesJson.Span);
        Field(importId);
        Int32(8);
        Int64(now);
        Int32(8);
        Int64(now);
        rows++;
        if (used >= FlushAt) Flush();
    }

    /// <summary>The geometry as EWKB with SRID 4326 (what PostGIS's binary input reads); a point without an allocation.</summary>
    private ReadOnlySpan<byte> Ewkb(Geometry geometry)
    {
        if (geometry is Point point)
        {
            // Little-endian, type Point with the SRID flag (0x20000001), SRID, x, y: 25 bytes.
            var bytes = pointBytes.AsSpan();
            bytes[0] = 1;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes[1..], 0x20000001);
            BinaryPrimitives.WriteInt32LittleEndian(bytes[5..], 4326);
            BinaryPrimitives.WriteDoubleLittleEndian(bytes[9..], point.X);
            BinaryPrimitives.WriteDoubleLittleEndian(bytes[17..], point.Y);
            return bytes;
        }
        geometry.SRID = 4326;
        return wkb.Write(geometry);
    }

    /// <returns>The number of rows copied.</returns>
    public async Task<long> CompleteAsync(CancellationToken ct)
    {
        Reserve(2);
        Int16(-1);
        Flush();
        completed = true;
        await stream.DisposeAsync();
        ct.ThrowIfCancellationRequested();
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (completed) return;
        completed = true;
        try
        {
            await stream.CancelAsync();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or ObjectDisposedException)
        {
            // The COPY failed already (the server refused a row): nothing was written, and the error is the caller's.
        }
        await stream.DisposeAsync();
    }

    private void Flush()
    {
        stream.Write(buffer, 0, used);
        used = 0;
    }

    private void Reserve(int bytes)
    {
        if (used + bytes > buffer.Length) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, used + bytes));
    }

    private void Field(ReadOnlySpan<byte> value)
    {
        Int32(value.Length);
        Bytes(value);
    }

    private void Field(ReadOnlyMemory<byte>? value)
    {
        if (value is { } text) Field(text.Span); else Int32(-1);
    }

    /// <summary>jsonb's binary form: a version byte (1), then the JSON text.</summary>
    private void Jsonb(ReadOnlySpan<byte> json)
    {
        Int32(json.Length + 1);
        buffer[used++] = 1;
        Bytes(json);
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.AsSpan(used));
        used += bytes.Length;
    }

    private void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(used), value);
        used += 2;
    }

    private void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(used), value);
        used += 4;
    }

    private void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(used), value);
        used += 8;
    }
}
