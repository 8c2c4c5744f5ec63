using System.Text.Json.Nodes;
using Map.Web.Collections;
using Map.Web.Ogc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Map.Web.Html;

/// <summary>HTML views of a page of features (a table with a link to each, paging links, a map) and of one feature.</summary>
public static class FeaturePages
{
    public static ContentHttpResult Items(HttpRequest request, string collectionId, JsonNode collection)
    {
        var features = collection["features"]!.AsArray().OfType<JsonObject>().ToList();
        var links = Links(collection);
        var page = new HtmlLayout(request);
        var count = $"{features.Count} features on this page" + (collection["numberMatched"] is { } matched ? $", {matched} in all." : ".");
        page.Element("p", count).Markup("<nav class=\"paging\" aria-label=\"Pages\">");
        foreach (var (rel, text) in new[] { (LinkRelations.Prev, "← Previous page"), (LinkRelations.Next, "Next page →") })
            if (links.FirstOrDefault(l => l.Rel == rel) is { } link) page.Anchor(link.Href, text).Text(" ");
        page.Markup("</nav>").Map(CollectionLinks.WithQuery(request, (QueryParameters.Format, "json")));

        // Columns: the id, then every property with a simple value, in the order they first appear.
        var columns = features.SelectMany(f => f["properties"] as JsonObject ?? []).Where(p => p.Value is JsonValue or null)
            .Select(p => p.Key).Distinct().ToList();
        page.Table(["id", .. columns], features.Select(feature => (IReadOnlyList<Action<HtmlLayout>>)
        [
            h => h.Anchor(FeatureHref(h, collectionId, (string?)feature["id"]), (string?)feature["id"]),
            .. columns.Select(column => (Action<HtmlLayout>)(h => h.Text(Value(feature["properties"]?[column])))),
        ]), "features");
        ResourcePages.Links(page, links);
        return page.Page($"{collectionId}: features");
    }

    public static ContentHttpResult Feature(HttpRequest request, string collectionId, JsonNode feature)
    {
        var id = (string?)feature["id"];
        var properties = feature["properties"] as JsonObject ?? [];
        var page = new HtmlLayout(request).Map(CollectionLinks.WithQuery(request, (QueryParameters.Format, "json")));
        page.Table(["Property", "Value"], properties.Select(p => (IReadOnlyList<Action<HtmlLayout>>)
        [
            h => h.Element("code", p.Key),
            h => Property(h, p.Key, p.Value),
        ]), "properties");
        ResourcePages.Links(page, Links(feature));
        return page.Page($"{collectionId}: {id}");
    }

    /// <summary>Sources as links (http(s) only), other values as text.</summary>
    private static void Property(HtmlLayout h, string name, JsonNode? value)
    {
        if (name != "sources" || value is not JsonArray sources)
        {
            h.Text(Value(value));
            return;
        }
        h.Markup("<ul>");
        foreach (var source in sources.OfType<JsonObject>())
            h.Markup("<li>").Anchor((string?)source["url"], (string?)source["title"] ?? (string?)source["url"]).Text(
                source["published"] is { } published ? $" ({Value(published)})" : "").Markup("</li>");
        h.Markup("</ul>");
    }

    private static string FeatureHref(HtmlLayout h, string collectionId, string? featureId) =>
        h.Url($"/collections/{Uri.EscapeDataString(collectionId)}/items/{Uri.EscapeDataString(featureId ?? "")}?f=html");

    private static string Value(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray array => $"{array.Count} item(s)",
        _ => node.ToJsonString(),
    };

    private static List<Link> Links(JsonNode document) =>
        (document["links"] as JsonArray ?? []).OfType<JsonObject>()
        .Select(l => new Link((string?)l["href"] ?? "", (string?)l["rel"] ?? "", (string?)l["type"] ?? "", (string?)l["title"])).ToList();
}
