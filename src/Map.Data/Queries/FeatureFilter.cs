using NetTopologySuite.Geometries;

namespace Map.Data.Queries;

/// <summary>What an items request asks for, already parsed and validated.</summary>
public sealed record FeatureFilter(string LayerId)
{
    /// <summary>In EPSG:4326 (lon/lat); may cross nothing, the API rejects antimeridian boxes.</summary>
    public Envelope? Bbox { get; init; }
    public ValidTime? ValidTime { get; init; }
    public int Limit { get; init; } = 100;
    public int Offset { get; init; }
}
