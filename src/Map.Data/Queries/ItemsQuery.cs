using NetTopologySuite.Geometries;

namespace Map.Data.Queries;

/// <summary>What an items request asks for, parsed and checked against the queryables.</summary>
public sealed record ItemsQuery(string LayerId)
{
    /// <summary>The box in <see cref="BboxCrs"/>, x = easting/longitude (the parser has already put axes in that order).</summary>
    public Envelope? Bbox { get; init; }
    public SpatialReference BboxCrs { get; init; } = SpatialReference.Crs84;
    /// <summary>True for holders of an upload key: an unpublished layer is then found like any other.</summary>
    public bool IncludeUnpublished { get; init; }
    public ValidTime? ValidTime { get; init; }
    /// <summary>Answer as the database held the layer at this instant (record time), instead of now.</summary>
    public DateTimeOffset? RecordedAt { get; init; }
    /// <summary>CQL2 filter and property parameters, already combined with AND.</summary>
    public FilterExpression? Filter { get; init; }
    /// <summary>Sort keys before the implicit final key, the id (which makes the order total, as keyset paging needs).</summary>
    public IReadOnlyList<SortTerm> SortBy { get; init; } = [];
    public PageCursor? Cursor { get; init; }
    public int Limit { get; init; } = 100;
    public int Offset { get; init; }
    public SpatialReference Crs { get; init; } = SpatialReference.Crs84;
    /// <summary>Null: every property (and the free-form ones). Otherwise only these.</summary>
    public IReadOnlyList<QueryableProperty>? Properties { get; init; }

    /// <summary>No bbox, datetime, filter or record time: every feature of the layer matches (its maintained count is exact).</summary>
    public bool MatchesWholeLayer => Bbox is null && ValidTime is null && RecordedAt is null && Filter is null;

    /// <summary>The full ordering: the requested keys, then the id ascending.</summary>
    public IReadOnlyList<SortTerm> Ordering
    {
        get
        {
            var keys = new List<SortTerm>();
            foreach (var key in SortBy)
            {
                keys.Add(key);
                if (key.Property == QueryableProperties.Id) return keys;
            }
            keys.Add(new SortTerm(QueryableProperties.Id, false));
            return keys;
        }
    }
}

public sealed record SortTerm(QueryableProperty Property, bool Descending);

/// <summary>
/// A position in the ordering: the sort-key values (as PostgreSQL text, null for a null key) of the row a page starts
/// after (Next) or ends before (Previous). Deep pages cost the same as the first: the position is an index condition, not an offset.
/// </summary>
public sealed record PageCursor(IReadOnlyList<string?> Keys, bool Previous);
