using Map.Data;
using Map.Data.Queries;
using Map.Web.Ogc;
using Map.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Map.Web.Collections;

public static class CollectionsApi
{
    public static RouteGroupBuilder MapCollectionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/collections").WithTags("Collections");
        group.MapGet("", GetCollections).WithName("getCollections").WithSummary("The layers, one collection each");
        group.MapGet("/{collectionId}", GetCollection).WithName("describeCollection").WithSummary("One layer, with its extent");
        return group;
    }

    public static async Task<Ok<CollectionsDocument>> GetCollections(MapDbContext db, HttpContext http, CancellationToken ct)
    {
        var layers = await db.Layers.InDisplayOrder().ToListAsync(ct);
        var extents = await db.ExtentsAsync(null, ct);
        var self = CollectionLinks.Absolute(http.Request, "/collections");
        return TypedResults.Ok(new CollectionsDocument(
            layers.Select(l => CollectionDocument.From(l, extents.GetValueOrDefault(l.Id), http.Request)).ToList(),
            [new(self, LinkRelations.Self, MediaTypes.Json, "Collections")]));
    }

    public static async Task<Results<Ok<CollectionDocument>, ProblemHttpResult>> GetCollection(
        string collectionId, MapDbContext db, HttpContext http, CancellationToken ct)
    {
        var layer = await db.Layers.AsNoTracking().FirstOrDefaultAsync(l => l.Id == collectionId, ct);
        if (layer is null) return ApiProblems.CollectionNotFound(collectionId);
        var extents = await db.ExtentsAsync(collectionId, ct);
        return TypedResults.Ok(CollectionDocument.From(layer, extents.GetValueOrDefault(collectionId), http.Request));
    }
}

public sealed record CollectionsDocument(IReadOnlyList<CollectionDocument> Collections, IReadOnlyList<Link> Links);
