using Map.Data.Model;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Map.Data.Queries;

/// <summary>The feature queries of the API, as EF Core LINQ that Npgsql translates to PostGIS (ST_Intersects on the GiST-indexed column).</summary>
public static class FeatureQueries
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    public static IQueryable<Feature> Matching(this IQueryable<Feature> features, FeatureFilter filter)
    {
        var query = features.AsNoTracking().Where(f => f.LayerId == filter.LayerId);
        if (filter.Bbox is { } bbox)
        {
            var box = Wgs84.ToGeometry(bbox);
            query = query.Where(f => f.Geometry.Intersects(box));
        }
        if (filter.ValidTime is { } time)
        {
            if (time.End is { } end) query = query.Where(f => f.ValidFrom <= end);
            if (time.Start is { } start) query = query.Where(f => f.ValidTo == null || f.ValidTo >= start);
        }
        return query;
    }

    /// <summary>One page in id order; asks for one row more than the limit so the caller knows whether a next page exists.</summary>
    public static IAsyncEnumerable<Feature> PageWithLookahead(this IQueryable<Feature> matching, FeatureFilter filter) =>
        matching.OrderBy(f => f.Id).Skip(filter.Offset).Take(filter.Limit + 1).AsAsyncEnumerable();
}
