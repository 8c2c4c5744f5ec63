using System.Text.Json;
using Map.Data;
using Map.Data.Connections;
using Map.Data.Queries;
using Map.Web.Http;
using Map.Web.Ogc;
using Map.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Map.Web.Collections;

public static class CollectionsApi
{
    public static RouteGroupBuilder MapCollectionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/collections").WithTags("Collections")
            .AddEndpointFilter(KnownParameters.Items).RequireCors(HttpRegistration.ReadCorsPolicy);
        group.MapGet("", GetCollections).WithName("getCollections").WithSummary("The layers, one collection each");
        group.MapGet("/{collectionId}", GetCollection).WithName("describeCollection").WithSummary("One layer, with its extent");
        return group;
    }

    /// <summary>The stamp is the newest layer change; the variant adds the layer ids, so a removed layer changes the tag too.</summary>
    public static async Task<Results<Ok<CollectionsDocument>, ContentHttpResult, StatusCodeHttpResult>> GetCollections(
        [AsParameters] FormatParameter f, MapReadDbContext db, LayerExtentCache extentCache, HttpContext http, CancellationToken ct)
    {
        var format = Negotiation.Format(http.Request);
        var layers = await db.Layers.VisibleTo(http.MayReadUnpublished()).InDisplayOrder().ToListAsync(ct);
        var stamp = layers.Count == 0 ? DateTimeOffset.UnixEpoch : layers.Max(l => l.UpdatedAt);
        if (ConditionalGet.IsNotModified(http, stamp, format + string.Join(",", layers.Select(l => l.Id)) + http.Audience()))
            return (StatusCodeHttpResult)ConditionalGet.NotModified();

        var extents = await extentCache.GetAsync(db, layers, ct);
        var document = new CollectionsDocument(
            layers.Select(l => CollectionDocument.From(l, extents.GetValueOrDefault(l.Id), http.Request)).ToList(),
            [.. CollectionLinks.SelfAndAlternate(http.Request, MediaTypes.Json, "Collections")]);
        return format == OutputFormat.Json
            ? TypedResults.Ok(document)
            : Html.CollectionPages.Collections(http.Request, document);
    }

    public static async Task<Results<Ok<CollectionDocument>, ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetCollection(
        string collectionId, [AsParameters] FormatParameter f, MapReadDbContext db, LayerExtentCache extentCache, HttpContext http, CancellationToken ct)
    {
        var format = Negotiation.Format(http.Request);
        var layer = await db.Layers.VisibleTo(http.MayReadUnpublished()).AsNoTracking().FirstOrDefaultAsync(l => l.Id == collectionId, ct);
        if (layer is null) return ApiProblems.CollectionNotFound(collectionId);
        if (ConditionalGet.IsNotModified(http, layer.UpdatedAt, format.ToString()))
            return (StatusCodeHttpResult)ConditionalGet.NotModified();

        var extents = await extentCache.GetAsync(db, [layer], ct);
        var document = CollectionDocument.From(layer, extents.GetValueOrDefault(collectionId), http.Request);
        return format == OutputFormat.Json
            ? TypedResults.Ok(document)
            : Html.CollectionPages.Collection(http.Request, document);
    }
}

public sealed record CollectionsDocument(IReadOnlyList<CollectionDocument> Collections, IReadOnlyList<Link> Links);
