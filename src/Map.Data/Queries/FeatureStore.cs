using System.Buffers;
using Map.Data.Connections;
using Npgsql;

namespace Map.Data.Queries;

/// <summary>
/// Runs <see cref="FeatureSql"/> on the read path (<see cref="ReadDatabase"/>): one connection per request, the one
/// the request is pinned to (<see cref="ReadSession"/>, read-your-writes) or else a pooled one.
/// </summary>
public sealed class FeatureStore(ReadDatabase database, ReadSession readSession)
{
    /// <summary>One connection for all the queries of a request (stamp, page, count).</summary>
    public async Task<FeatureSession> OpenAsync(CancellationToken ct) =>
        readSession.Pinned is { } pinned ? new(pinned, ownsConnection: false) : new(await database.Standbys.OpenConnectionAsync(ct), ownsConnection: true);
}

/// <summary>The outcome of writing a page: whether rows lie beyond it in the direction of travel, and its ends' sort keys.</summary>
public sealed record PageOutcome(int Returned, bool HasMore, IReadOnlyList<string?>? FirstKeys, IReadOnlyList<string?>? LastKeys);

public sealed class FeatureSession(NpgsqlConnection connection, bool ownsConnection) : IAsyncDisposable
{
    /// <summary>The layer's change stamp (ETag, Last-Modified); null when there is no such layer.</summary>
    public async Task<DateTimeOffset?> LayerStampAsync(string layerId, bool includeUnpublished, CancellationToken ct)
    {
        await using var command = Bind(FeatureSql.LayerStamp(layerId, includeUnpublished));
        return await command.ExecuteScalarAsync(ct) is DateTime stamp ? new DateTimeOffset(stamp, TimeSpan.Zero) : null;
    }

    /// <summary>The feature's GeoJSON and when its version was recorded; null when there is no such feature (at that instant).</summary>
    public async Task<(string Json, DateTime RecordedAt)?> OneAsync(string layerId, string featureId, SpatialReference crs,
        IReadOnlyList<QueryableProperty>? properties, DateTimeOffset? recordedAt, CancellationToken ct)
    {
        await using var command = Bind(FeatureSql.One(layerId, featureId, crs, properties, recordedAt));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), reader.GetDateTime(1)) : null;
    }

    /// <summary>
    /// Copies each feature's GeoJSON bytes, comma-separated, from the row as Npgsql received it to <paramref name="body"/>
    /// (a column stream: no string per row), calling <paramref name="flush"/> every <paramref name="flushBytes"/>.
    /// </summary>
    /// <remarks>
    /// <paramref name="prefix"/> is written once the query has started, so a failing query still gets a clean error
    /// response. With <paramref name="onLayerStamp"/>, the layer's stamp comes back in the same round trip and is
    /// handed over first: null means no such layer; returning false stops before anything is written (result null).
    /// Rows are read whole (not SequentialAccess): once ReadAsync has returned, every column of the row is in memory
    /// and is read synchronously, without an await per column. A row is a few kilobytes at most (one feature), so
    /// memory stays flat whatever the limit; in bench/api this took a city page of 100 features from ≈ 0.5 to ≈ 0.9 of
    /// the ceiling's throughput.
    /// </remarks>
    public async Task<PageOutcome?> WritePageAsync(ItemsQuery query, ReadOnlyMemory<byte> prefix, IBufferWriter<byte> body,
        Func<CancellationToken, ValueTask> flush, int flushBytes, Func<DateTimeOffset?, bool>? onLayerStamp, CancellationToken ct)
    {
        await using var command = Bind(FeatureSql.Page(query, withLayerStamp: onLayerStamp is not null));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (onLayerStamp is not null)
        {
            DateTimeOffset? stamp = await reader.ReadAsync(ct) ? new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero) : null;
            if (!onLayerStamp(stamp)) return null;
            await reader.NextResultAsync(ct);
        }
        body.Write(prefix.Span);
        var keyCount = query.Ordering.Count;
        var previous = query.Cursor is { Previous: true };
        var jsonColumn = previous ? 1 : 0;
        var (returned, hasMore, pending) = (0, false, 0);
        string?[]? first = null, last = null;
        var row = 0;
        while (await reader.ReadAsync(ct))
        {
            row++;
            if (!previous && returned == query.Limit) { hasMore = true; break; }
            if (previous && row == 1 && reader.GetInt64(0) > query.Limit)
            {
                // Walking backwards, the extra row that proves more lie before the page comes first: skip it.
                hasMore = true;
                continue;
            }
            if (returned > 0) { body.Write(","u8); pending++; }
            pending += CopyColumn(reader, jsonColumn, body);
            var keys = new string?[keyCount];
            for (var i = 0; i < keyCount; i++)
            {
                var column = jsonColumn + 1 + i;
                keys[i] = reader.IsDBNull(column) ? null : reader.GetString(column);
            }
            first ??= keys;
            last = keys;
            returned++;
            if (pending >= flushBytes)
            {
                await flush(ct);
                pending = 0;
            }
        }
        return new PageOutcome(returned, hasMore, first, last);
    }

    /// <summary>A text column of the current (buffered) row, as its bytes, into the body.</summary>
    private static int CopyColumn(NpgsqlDataReader reader, int column, IBufferWriter<byte> body)
    {
        using var json = reader.GetStream(column);
        int read, copied = 0;
        // No size hint: whatever is left of the writer's current block (a large hint would allocate a new buffer per row).
        while ((read = json.Read(body.GetSpan())) > 0)
        {
            body.Advance(read);
            copied += read;
        }
        return copied;
    }

    /// <summary>How many features match, counting no further than <paramref name="cap"/>.</summary>
    /// <summary>How many features the layer holds (null: no such layer), from its maintained count.</summary>
    public async Task<long?> FeatureCountAsync(string layerId, CancellationToken ct)
    {
        await using var command = Bind(FeatureSql.FeatureCount(layerId));
        return await command.ExecuteScalarAsync(ct) is long count ? count : null;
    }

    public async Task<long> CountUpToAsync(ItemsQuery query, int cap, CancellationToken ct)
    {
        await using var command = Bind(FeatureSql.CountUpTo(query, cap));
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The tile's bytes (<see cref="TileSql"/>); empty when no feature falls in it. With <paramref name="withLayerStamp"/>
    /// the layer's stamp comes back in the same round trip (null: no such layer).
    /// </summary>
    public async Task<(DateTimeOffset? Stamp, byte[] Tile)> TileAsync(TileQuery query, TileSettings settings, bool withLayerStamp, CancellationToken ct)
    {
        await using var command = Bind(TileSql.Tile(query, settings, withLayerStamp));
        await using var reader = await command.ExecuteReaderAsync(ct);
        DateTimeOffset? stamp = null;
        if (withLayerStamp)
        {
            if (await reader.ReadAsync(ct)) stamp = new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero);
            await reader.NextResultAsync(ct);
        }
        var tile = await reader.ReadAsync(ct) && !await reader.IsDBNullAsync(0, ct) ? await reader.GetFieldValueAsync<byte[]>(0, ct) : [];
        return (stamp, tile);
    }

    private NpgsqlCommand Bind(NpgsqlCommand command)
    {
        command.Connection = connection;
        return command;
    }

    public ValueTask DisposeAsync() => ownsConnection ? connection.DisposeAsync() : ValueTask.CompletedTask;
}
