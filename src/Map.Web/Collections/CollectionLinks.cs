using Map.Web.Ogc;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Map.Web.Collections;

/// <summary>Absolute links built from the request's own scheme and host.</summary>
public static class CollectionLinks
{
    public static string Absolute(HttpRequest request, string path) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, path);

    public static string WithOffset(HttpRequest request, int offset)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => p.Key != QueryParameters.Offset)
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .Append(KeyValuePair.Create(QueryParameters.Offset, (string?)offset.ToString()));
        return QueryHelpers.AddQueryString(Absolute(request, request.Path), query);
    }

    public static IReadOnlyList<Link> ForFeature(HttpRequest request, string collectionId, string featureId) =>
    [
        new(Absolute(request, $"/collections/{Uri.EscapeDataString(collectionId)}/items/{Uri.EscapeDataString(featureId)}"), LinkRelations.Self, MediaTypes.GeoJson),
        new(Absolute(request, $"/collections/{Uri.EscapeDataString(collectionId)}"), LinkRelations.Collection, MediaTypes.Json),
    ];
}
