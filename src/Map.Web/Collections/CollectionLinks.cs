using Map.Web.Ogc;
using Map.Web.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Map.Web.Collections;

/// <summary>Absolute links, from the public address (<see cref="PublicAddress"/>).</summary>
public static class CollectionLinks
{
    public static string Absolute(HttpRequest request, string path) => PublicAddress.Absolute(request, path);

    public static string Collection(HttpRequest request, string collectionId) =>
        Absolute(request, $"/collections/{Uri.EscapeDataString(collectionId)}");

    /// <summary>This request's URL with some parameters replaced: every other parameter is kept, as GDAL and QGIS expect of next links.</summary>
    public static string WithQuery(HttpRequest request, params (string Name, string? Value)[] replacements)
    {
        var replaced = replacements.Select(r => r.Name).ToHashSet();
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !replaced.Contains(p.Key))
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .Concat(replacements.Where(r => r.Value is not null).Select(r => KeyValuePair.Create(r.Name, r.Value)));
        return QueryHelpers.AddQueryString(Absolute(request, request.Path), query);
    }

    /// <summary>self (this format) and alternate (the other one) for a JSON resource.</summary>
    public static IEnumerable<Link> SelfAndAlternate(HttpRequest request, string jsonType, string title) =>
    [
        new(WithQuery(request, (QueryParameters.Format, null)), LinkRelations.Self, jsonType, title),
        new(WithQuery(request, (QueryParameters.Format, "html")), LinkRelations.Alternate, MediaTypes.Html, title + " (HTML)"),
    ];

    public static IReadOnlyList<Link> ForFeature(HttpRequest request, string collectionId, string featureId) =>
    [
        new(Absolute(request, $"/collections/{Uri.EscapeDataString(collectionId)}/items/{Uri.EscapeDataString(featureId)}"),
            LinkRelations.Self, MediaTypes.GeoJson),
        new(Collection(request, collectionId), LinkRelations.Collection, MediaTypes.Json),
    ];
}
