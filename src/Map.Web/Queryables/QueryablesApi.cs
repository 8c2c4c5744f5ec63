using System.Text.Json.Nodes;
using Map.Data.Queries;
using Map.Web.Collections;
using Map.Web.Http;
using Map.Web.Ogc;
using Map.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Map.Web.Queryables;

/// <summary>/collections/{id}/queryables: the JSON Schema of the properties filter, sortby and properties accept.</summary>
public static class QueryablePropertiesApi
{
    public static RouteHandlerBuilder MapQueryablesApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/collections/{collectionId}/queryables", GetQueryables).WithName("getQueryables").WithTags("Collections")
            .WithSummary("The properties a filter may use")
            .Produces<System.Text.Json.Nodes.JsonObject>(StatusCodes.Status200OK, MediaTypes.SchemaJson, MediaTypes.Html)
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .AddEndpointFilter(KnownParameters.Items).RequireCors(HttpRegistration.ReadCorsPolicy);

    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetQueryables(
        string collectionId, [AsParameters] FormatParameter f, FeatureStore store, HttpContext http, CancellationToken ct)
    {
        var format = Negotiation.Format(http.Request);
        DateTimeOffset? stamp;
        await using (var session = await store.OpenAsync(ct)) stamp = await session.LayerStampAsync(collectionId, http.MayReadUnpublished(), ct);
        if (stamp is null) return ApiProblems.CollectionNotFound(collectionId);
        if (ConditionalGet.IsNotModified(http, stamp.Value, format.ToString())) return (StatusCodeHttpResult)ConditionalGet.NotModified();

        var schema = Schema(CollectionLinks.Absolute(http.Request, http.Request.Path), collectionId);
        return format == OutputFormat.Json
            ? TypedResults.Content(schema.ToJsonString(), MediaTypes.SchemaJson)
            : Html.ResourcePages.Queryables(http.Request, collectionId, schema);
    }

    public static JsonObject Schema(string id, string collectionId)
    {
        var properties = new JsonObject
        {
            [Data.Queries.QueryableProperties.Geometry] = new JsonObject
            {
                ["title"] = "Geometry", ["description"] = "The feature's geometry; use it in S_INTERSECTS.",
                ["format"] = "geometry-any", ["x-ogc-role"] = "primary-geometry",
            },
        };
        foreach (var q in Data.Queries.QueryableProperties.All)
        {
            var type = q.Type switch
            {
                QueryableType.Number => "number",
                QueryableType.Integer => "integer",
                QueryableType.Boolean => "boolean",
                _ => "string",
            };
            var property = new JsonObject { ["title"] = q.Name, ["description"] = q.Description, ["type"] = q.Nullable ? new JsonArray(type, "null") : type };
            if (q.Type == QueryableType.Date) property["format"] = "date";
            if (q.Name == "id") property["x-ogc-role"] = "id";
            properties[q.Name] = property;
        }
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = id,
            ["type"] = "object",
            ["title"] = $"Queryables of {collectionId}",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }
}
