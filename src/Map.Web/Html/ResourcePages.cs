using System.Text.Json.Nodes;
using Map.Web.Ogc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Map.Web.Html;

/// <summary>HTML views of the landing page (f=html), the conformance declaration and a collection's queryables.</summary>
public static class ResourcePages
{
    public static ContentHttpResult Landing(HttpRequest request, string title, string description, IReadOnlyList<Link> links)
    {
        var page = new HtmlLayout(request).Element("p", description);
        Links(page, links);
        return page.Page(title);
    }

    public static ContentHttpResult Conformance(HttpRequest request, IReadOnlyList<string> classes)
    {
        var page = new HtmlLayout(request).Element("p", "The conformance classes this server implements:").Markup("<ul>");
        foreach (var uri in classes) page.Markup("<li>").Anchor(uri, uri).Markup("</li>");
        return page.Markup("</ul>").Page("Conformance");
    }

    public static ContentHttpResult Queryables(HttpRequest request, string collectionId, JsonObject schema)
    {
        var properties = schema["properties"]!.AsObject();
        var page = new HtmlLayout(request)
            .Element("p", "The properties a filter (CQL2), sortby, properties and the property parameters may name.")
            .Table(["Name", "Type", "Description"], properties.Select(p => (IReadOnlyList<Action<HtmlLayout>>)
            [
                h => h.Element("code", p.Key),
                h => h.Text(p.Value?["type"] is JsonArray types ? string.Join(" or ", types) : (string?)p.Value?["type"] ?? (string?)p.Value?["format"]),
                h => h.Text((string?)p.Value?["description"]),
            ]));
        return page.Anchor(page.Url($"/collections/{Uri.EscapeDataString(collectionId)}?f=html"), "The collection")
            .Page($"{collectionId}: queryables");
    }

    /// <summary>
    /// Any other JSON document (the tiles metadata): its plain members as a table, nested ones as indented JSON text,
    /// and its links as links.
    /// </summary>
    public static ContentHttpResult Document(HttpRequest request, string title, JsonNode document)
    {
        var members = (document as JsonObject ?? []).Where(m => m.Key != "links").ToList();
        var page = new HtmlLayout(request).Table(["Member", "Value"], members.Select(m => (IReadOnlyList<Action<HtmlLayout>>)
        [
            h => h.Element("code", m.Key),
            h =>
            {
                if (m.Value is JsonValue value) h.Text(value.ToString());
                else h.Element("pre", m.Value?.ToJsonString(Indented));
            },
        ]));
        var links = (document["links"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(l => new Link((string?)l["href"] ?? "", (string?)l["rel"] ?? "", (string?)l["type"] ?? "", (string?)l["title"]));
        Links(page, links);
        return page.Page(title);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The links of a document as a list, with their relation and type.</summary>
    public static void Links(HtmlLayout page, IEnumerable<Link> links)
    {
        page.Element("h2", "Links").Markup("<ul class=\"links\">");
        foreach (var link in links)
            page.Markup("<li>").Anchor(link.Href, link.Title ?? link.Href).Markup(" <small>").Text($"{link.Rel} · {link.Type}").Markup("</small></li>");
        page.Markup("</ul>");
    }
}
