using System.Data;
using Npgsql;

namespace Map.Data.Queries;

/// <summary>Runs <see cref="FeatureSql"/> on the shared data source and hands rows over as they arrive.</summary>
public sealed class FeatureStore(NpgsqlDataSource dataSource)
{
    public async Task<DateTimeOffset?> LayerStampAsync(string layerId, CancellationToken ct)
    {
        await using var command = FeatureSql.LayerStamp(layerId);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        command.Connection = connection;
        return await command.ExecuteScalarAsync(ct) is DateTime stamp ? new DateTimeOffset(stamp, TimeSpan.Zero) : null;
    }

    public async Task<string?> OneAsync(string layerId, string featureId, SpatialReference crs, IReadOnlyList<QueryableProperty>? properties, CancellationToken ct)
    {
        await using var command = FeatureSql.One(layerId, featureId, crs, properties);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        command.Connection = connection;
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Opens a page; the caller reads <see cref="FeaturePage.ReadAsync"/> and then may ask for the capped count.</summary>
    public async Task<FeaturePage> OpenPageAsync(ItemsQuery query, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        return new FeaturePage(connection, query);
    }
}

/// <summary>
/// One page being streamed. Rows are read one at a time (SequentialAccess), so memory does not grow with the limit.
/// After reading: <see cref="HasMore"/> says whether rows lie beyond the page in the direction of travel.
/// </summary>
public sealed class FeaturePage(NpgsqlConnection connection, ItemsQuery query) : IAsyncDisposable
{
    public bool HasMore { get; private set; }
    public int Returned { get; private set; }
    public IReadOnlyList<string>? FirstKeys { get; private set; }
    public IReadOnlyList<string>? LastKeys { get; private set; }

    public async IAsyncEnumerable<string> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = FeatureSql.Page(query);
        command.Connection = connection;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        var keyCount = query.Ordering.Count;
        var previous = query.Cursor is { Previous: true };
        var skipFirst = false;
        var first = true;
        while (await reader.ReadAsync(ct))
        {
            var json = reader.GetString(0);
            var keys = new string[keyCount];
            for (var i = 0; i < keyCount; i++) keys[i] = reader.GetString(i + 1);
            if (first && previous)
            {
                // Backwards, the extra row that proves more lie before the page comes first.
                skipFirst = reader.GetInt64(keyCount + 1) > query.Limit;
                HasMore = skipFirst;
            }
            if (first && skipFirst) { first = false; continue; }
            first = false;
            if (!previous && Returned == query.Limit) { HasMore = true; break; }
            FirstKeys ??= keys;
            LastKeys = keys;
            Returned++;
            yield return json;
        }
    }

    public async Task<long> CountUpToAsync(int cap, CancellationToken ct)
    {
        await using var command = FeatureSql.CountUpTo(query, cap);
        command.Connection = connection;
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
