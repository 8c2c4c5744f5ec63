using System.IO.Pipelines;
using System.Text.Json.Nodes;
using Map.Data.Queries;
using Map.Web.Collections;
using Map.Web.Crs;
using Map.Web.GeoJson;
using Map.Web.Hosting;
using Map.Web.Http;
using Map.Web.Ogc;
using Map.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Map.Web.Items;

public static class ItemsApi
{
    public static RouteGroupBuilder MapItemsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/collections/{collectionId}/items").WithTags("Features").RequireCors(HttpRegistration.ReadCorsPolicy);
        group.MapGet("", GetItems).WithName("getFeatures").WithSummary("Features of a collection, filtered and paged")
            .AddEndpointFilter(KnownParameters.Items)
            .Produces<FeatureCollectionShape>(StatusCodes.Status200OK, MediaTypes.GeoJson, MediaTypes.Html)
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{featureId}", GetItem).WithName("getFeature").WithSummary("One feature")
            .AddEndpointFilter(KnownParameters.Items)
            .Produces<FeatureShape>(StatusCodes.Status200OK, MediaTypes.GeoJson, MediaTypes.Html)
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<FeatureCollectionResult, ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetItems(
        string collectionId, [AsParameters] ItemsRequest request, FeatureStore store,
        IOptions<MapOptions> map, IOptions<ApiOptions> api, HttpContext http, CancellationToken ct)
    {
        var query = request.ToQuery(collectionId, map.Value) with { IncludeUnpublished = http.MayReadUnpublished() };
        var format = Negotiation.Format(http.Request);
        var session = await store.OpenAsync(ct);
        http.Response.RegisterForDisposeAsync(session);
        var links = (PageOutcome page) => PageLinks(http.Request, collectionId, query, page);
        if (format == OutputFormat.Json && !ConditionalGet.IsConditional(http.Request))
        {
            // The common case: the layer's stamp comes back with the page, in one round trip.
            return new FeatureCollectionResult(session, query, api.Value.NumberMatchedCap, links,
                (context, stamp) =>
                {
                    if (stamp is null) return false;
                    // Sets ETag and Last-Modified; the request has no validators, so it cannot be a 304.
                    ConditionalGet.IsNotModified(context, stamp.Value, format.ToString());
                    return true;
                });
        }

        var stamp = await session.LayerStampAsync(collectionId, query.IncludeUnpublished, ct);
        if (stamp is null) return ApiProblems.CollectionNotFound(collectionId);
        if (ConditionalGet.IsNotModified(http, stamp.Value, format.ToString()))
            return (StatusCodeHttpResult)ConditionalGet.NotModified();

        var result = new FeatureCollectionResult(session, query, api.Value.NumberMatchedCap, links);
        if (format == OutputFormat.Json) return result;
        return Html.FeaturePages.Items(http.Request, collectionId, await AsJsonAsync(result.WriteAsync, ct));
    }

    public static async Task<Results<FeatureResult, ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetItem(
        string collectionId, string featureId, [FromQuery(Name = "crs")] string? crs, [FromQuery(Name = "properties")] string? properties,
        [AsParameters] FormatParameter f,
        FeatureStore store, HttpContext http, CancellationToken ct)
    {
        var spatialReference = CrsParameters.Parse(QueryParameters.Crs, crs);
        var selected = ParameterParser.ParseProperties(properties);
        var format = Negotiation.Format(http.Request);
        await using var session = await store.OpenAsync(ct);
        var stamp = await session.LayerStampAsync(collectionId, http.MayReadUnpublished(), ct);
        if (stamp is null) return ApiProblems.CollectionNotFound(collectionId);
        var json = await session.OneAsync(collectionId, featureId, spatialReference, selected, ct);
        if (json is null) return ApiProblems.FeatureNotFound(collectionId, featureId);
        if (ConditionalGet.IsNotModified(http, stamp.Value, format.ToString()))
            return (StatusCodeHttpResult)ConditionalGet.NotModified();

        var feature = new FeatureResult(json, spatialReference, CollectionLinks.ForFeature(http.Request, collectionId, featureId));
        if (format == OutputFormat.Json) return feature;
        return Html.FeaturePages.Feature(http.Request, collectionId, JsonNode.Parse(feature.Json)!);
    }

    /// <summary>
    /// self, alternate, collection, and next/prev carrying a keyset cursor: every other parameter is kept as it was
    /// (GDAL and QGIS follow them as they are) and offset is dropped, so a deep page costs the same as the first.
    /// </summary>
    private static List<Link> PageLinks(HttpRequest request, string collectionId, ItemsQuery query, PageOutcome page)
    {
        var links = new List<Link>(CollectionLinks.SelfAndAlternate(request, MediaTypes.GeoJson, "This page"))
        {
            new(CollectionLinks.Collection(request, collectionId), LinkRelations.Collection, MediaTypes.Json, "The collection"),
        };
        var travellingBack = query.Cursor is { Previous: true };
        var cameFromSomewhere = query.Cursor is not null || query.Offset > 0;
        if (page.LastKeys is { } last && (travellingBack || page.HasMore))
            links.Add(new(CursorLink(request, PageCursors.Encode(last, previous: false)), LinkRelations.Next, MediaTypes.GeoJson, "Next page"));
        if (page.FirstKeys is { } first && (travellingBack ? page.HasMore : cameFromSomewhere))
            links.Add(new(CursorLink(request, PageCursors.Encode(first, previous: true)), LinkRelations.Prev, MediaTypes.GeoJson, "Previous page"));
        return links;
    }

    private static string CursorLink(HttpRequest request, string cursor) =>
        CollectionLinks.WithQuery(request, (QueryParameters.Cursor, cursor), (QueryParameters.Offset, null));

    /// <summary>The HTML view of a page is rendered from its GeoJSON, so it is buffered (pages are bounded by the limit).</summary>
    private static async Task<JsonNode> AsJsonAsync(Func<PipeWriter, CancellationToken, Task> write, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var pipe = PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));
        await write(pipe, ct);
        await pipe.CompleteAsync();
        buffer.Position = 0;
        return (await JsonNode.ParseAsync(buffer, cancellationToken: ct))!;
    }
}
