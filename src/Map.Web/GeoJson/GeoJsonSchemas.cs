using System.Text.Json.Nodes;
using Map.Web.Ogc;

namespace Map.Web.GeoJson;

/// <summary>The shapes of the streamed GeoJSON responses, for the OpenAPI document only (the results write text directly).</summary>
public sealed record FeatureCollectionShape(
    string Type, IReadOnlyList<FeatureShape> Features, int NumberReturned, long? NumberMatched, IReadOnlyList<Link> Links);

public sealed record FeatureShape(string Type, string Id, JsonObject Geometry, JsonObject Properties, IReadOnlyList<Link>? Links);
