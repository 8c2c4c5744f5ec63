using System.Text.Json.Nodes;
using Map.Data.Editing;
using Map.Data.History;
using Map.Data.Queries;
using Map.Web.Http;
using Map.Web.Ogc;
using Map.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Map.Web.History;

/// <summary>
/// GET /collections/{id}/items/{fid}/history: every version the database has held of a feature, oldest first, each
/// with when it was recorded (and until when), who recorded it (a key's name, "import &lt;id&gt; (who asked)" or "seeder"), why
/// (the edit's comment), its sources and what changed from the version before. A deletion is the last entry.
/// Restoring a version is an ordinary PUT of its <c>feature</c>.
/// </summary>
public static class HistoryApi
{
    public static RouteHandlerBuilder MapHistoryApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/collections/{collectionId}/items/{featureId}/history", GetHistory).WithName("getFeatureHistory")
            .WithTags("History").WithSummary("Every recorded version of a feature, with who, when, why and what changed")
            .AddEndpointFilter(KnownParameters.FormatOnly).RequireCors(HttpRegistration.ReadCorsPolicy)
            .Produces<JsonObject>(StatusCodes.Status200OK, MediaTypes.Json).ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetHistory(
        string collectionId, string featureId, NpgsqlDataSource dataSource, FeatureStore store, HttpContext http, CancellationToken ct)
    {
        // An unpublished layer's history is as hidden as its items.
        await using (var session = await store.OpenAsync(ct))
            if (await session.LayerStampAsync(collectionId, http.MayReadUnpublished(), ct) is null) return ApiProblems.CollectionNotFound(collectionId);
        var versions = await HistorySql.VersionsAsync(dataSource, collectionId, featureId, ct);
        if (versions.Count == 0) return ApiProblems.FeatureNotFound(collectionId, featureId);
        var entries = new JsonArray();
        JsonObject? previous = null;
        foreach (var version in versions)
        {
            entries.Add(new JsonObject
            {
                ["version"] = version.Feature is null ? null : FeatureVersion.From(version.RecordedFrom.UtcDateTime).ToString(),
                ["change"] = version.Feature is null ? "deleted" : previous is null ? "created" : "changed",
                ["recordedFrom"] = version.RecordedFrom.UtcDateTime.ToString("O"),
                ["recordedTo"] = version.RecordedTo?.UtcDateTime.ToString("O"),
                ["recordedBy"] = version.RecordedBy,
                ["origin"] = version.Origin,
                ["comment"] = version.Comment,
                ["sources"] = version.Feature is null ? version.DeletionSources?.DeepClone() : version.Feature["properties"]?["sources"]?.DeepClone(),
                ["differences"] = version.Feature is null || previous is null ? new JsonArray() : FeatureDiff.Between(previous, version.Feature),
                ["feature"] = version.Feature?.DeepClone(),
            });
            if (version.Feature is not null) previous = version.Feature;
        }
        return TypedResults.Ok(new JsonObject { ["collection"] = collectionId, ["id"] = featureId, ["versions"] = entries });
    }
}

/// <summary>What changed between two versions of a feature: each property (and the geometry) whose value differs.</summary>
public static class FeatureDiff
{
    public static JsonArray Between(JsonObject before, JsonObject after)
    {
        var differences = new JsonArray();
        if (!JsonNode.DeepEquals(before["geometry"], after["geometry"]))
            differences.Add(Difference("geometry", before["geometry"], after["geometry"]));
        var old = before["properties"] as JsonObject ?? [];
        var now = after["properties"] as JsonObject ?? [];
        foreach (var name in old.Select(p => p.Key).Union(now.Select(p => p.Key)))
            if (!JsonNode.DeepEquals(old[name], now[name])) differences.Add(Difference(name, old[name], now[name]));
        return differences;
    }

    private static JsonObject Difference(string member, JsonNode? from, JsonNode? to) =>
        new() { ["member"] = member, ["from"] = from?.DeepClone(), ["to"] = to?.DeepClone() };
}
