using Map.Data;
using Map.Data.Queries;
using Map.Web.Collections;
using Map.Web.GeoJson;
using Map.Web.Hosting;
using Map.Web.Ogc;
using Map.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Map.Web.Items;

public static class ItemsApi
{
    public static RouteGroupBuilder MapItemsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/collections/{collectionId}/items").WithTags("Features");
        group.MapGet("", GetItems).WithName("getFeatures").WithSummary("Features of a collection, filtered and paged");
        group.MapGet("/{featureId}", GetItem).WithName("getFeature").WithSummary("One feature");
        return group;
    }

    public static async Task<Results<FeatureCollectionResult, ProblemHttpResult>> GetItems(
        string collectionId, [AsParameters] ItemsRequest request, MapDbContext db,
        IOptions<MapOptions> options, HttpContext http, CancellationToken ct)
    {
        var filter = request.ToFilter(collectionId, options.Value);
        if (!await db.Layers.AnyAsync(l => l.Id == collectionId, ct)) return ApiProblems.CollectionNotFound(collectionId);

        var page = db.Features.Matching(filter).PageWithLookahead(filter);
        return new FeatureCollectionResult(page, filter.Limit, hasMore => PageLinks(http.Request, filter, hasMore));
    }

    public static async Task<Results<FeatureResult, ProblemHttpResult>> GetItem(
        string collectionId, string featureId, MapDbContext db, HttpContext http, CancellationToken ct)
    {
        var feature = await db.Features.AsNoTracking()
            .FirstOrDefaultAsync(f => f.LayerId == collectionId && f.Id == featureId, ct);
        if (feature is not null) return new FeatureResult(feature, CollectionLinks.ForFeature(http.Request, collectionId, featureId));
        return await db.Layers.AnyAsync(l => l.Id == collectionId, ct)
            ? ApiProblems.FeatureNotFound(collectionId, featureId)
            : ApiProblems.CollectionNotFound(collectionId);
    }

    /// <summary>Next and prev keep every query parameter of the request (GDAL and QGIS follow them as they are).</summary>
    private static IReadOnlyList<Link> PageLinks(HttpRequest request, FeatureFilter filter, bool hasMore)
    {
        var links = new List<Link> { new(CollectionLinks.WithOffset(request, filter.Offset), LinkRelations.Self, MediaTypes.GeoJson) };
        if (hasMore)
            links.Add(new(CollectionLinks.WithOffset(request, filter.Offset + filter.Limit), LinkRelations.Next, MediaTypes.GeoJson, "Next page"));
        if (filter.Offset > 0)
            links.Add(new(CollectionLinks.WithOffset(request, Math.Max(0, filter.Offset - filter.Limit)), LinkRelations.Prev, MediaTypes.GeoJson, "Previous page"));
        return links;
    }
}
