using System.Globalization;
using System.Net;
using System.Text;
using Map.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Map.Web.Html;

/// <summary>
/// The HTML representation of the API's resources: real pages with tables and links, as pygeoapi and pg_featureserv
/// offer, and a small map of the items or the extent. Everything comes from this app (its stylesheet, Leaflet from
/// wwwroot/lib, one module script) so the pages live within the Content-Security-Policy: no inline script or style.
/// Every text from the data is HTML-encoded here, in one place.
/// </summary>
public sealed class HtmlLayout(HttpRequest request)
{
    private readonly StringBuilder html = new();

    /// <summary>Text, encoded.</summary>
    public HtmlLayout Text(string? text)
    {
        html.Append(Encode(text));
        return this;
    }

    /// <summary>Markup written by this app (never data).</summary>
    public HtmlLayout Markup(string markup)
    {
        html.Append(markup);
        return this;
    }

    public HtmlLayout Element(string name, string? text, string? cssClass = null)
    {
        html.Append('<').Append(name);
        if (cssClass is not null) html.Append(" class=\"").Append(cssClass).Append('"');
        html.Append('>').Append(Encode(text)).Append("</").Append(name).Append('>');
        return this;
    }

    /// <summary>A link; only http(s) and same-site targets become anchors, anything else is shown as text.</summary>
    public HtmlLayout Anchor(string? href, string? text)
    {
        if (href is null || !IsSafe(href)) return Text(text ?? href);
        html.Append("<a href=\"").Append(Encode(href)).Append("\">").Append(Encode(text ?? href)).Append("</a>");
        return this;
    }

    /// <summary>A table: one header row, then rows of cells each written by a callback.</summary>
    public HtmlLayout Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Action<HtmlLayout>>> rows, string? cssClass = null)
    {
        html.Append("<table").Append(cssClass is null ? "" : $" class=\"{cssClass}\"").Append("><thead><tr>");
        foreach (var header in headers) html.Append("<th scope=\"col\">").Append(Encode(header)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>");
                cell(this);
                html.Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        return this;
    }

    /// <summary>The small Leaflet map: the features of a GeoJSON URL, or a box (minX, minY, maxX, maxY in CRS84).</summary>
    public HtmlLayout Map(string? geoJsonUrl, double[]? bbox = null)
    {
        html.Append("<div id=\"resource-map\" class=\"resource-map\" role=\"img\" aria-label=\"Map\"");
        if (geoJsonUrl is not null) html.Append(" data-geojson=\"").Append(Encode(geoJsonUrl)).Append('"');
        if (bbox is not null)
            html.Append(" data-bbox=\"").Append(string.Join(',', bbox.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append('"');
        html.Append(" data-collections=\"").Append(Encode(Url("/collections"))).Append("\"></div>");
        withMap = true;
        return this;
    }

    private bool withMap;

    /// <summary>
    /// The whole page around what was written: head, navigation (with this resource as JSON), title, and the map's
    /// script when there is a map.
    /// </summary>
    public ContentHttpResult Page(string title)
    {
        var jsonHref = Collections.CollectionLinks.WithQuery(request, (Ogc.QueryParameters.Format, "json"));
        var page = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(title)).Append(" — Force presence in Syria</title>")
            .Append("<link rel=\"icon\" href=\"data:,\">")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Encode(Url("/css/resources.css"))).Append("\">");
        if (withMap) page.Append("<link rel=\"stylesheet\" href=\"").Append(Encode(Url("/lib/leaflet/leaflet.css"))).Append("\">");
        page.Append("</head><body><header><nav aria-label=\"Site\">")
            .Append("<a href=\"").Append(Encode(Url("/"))).Append("\">The map</a> · ")
            .Append("<a href=\"").Append(Encode(Url("/?f=html"))).Append("\">API</a> · ")
            .Append("<a href=\"").Append(Encode(Url("/collections?f=html"))).Append("\">Collections</a> · ")
            .Append("<a href=\"").Append(Encode(Url("/api/reference"))).Append("\">API reference</a>");
        page.Append(" · <a href=\"").Append(Encode(jsonHref)).Append("\">This page as JSON</a>");
        page.Append("</nav><h1>").Append(Encode(title)).Append("</h1></header><main>").Append(html).Append("</main>");
        if (withMap) page.Append("<script type=\"module\" src=\"").Append(Encode(Url("/js/resourceMap.js"))).Append("\"></script>");
        page.Append("</body></html>");
        return TypedResults.Content(page.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>An app URL from the public address (so pages behind a proxy prefix still find their files).</summary>
    public string Url(string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? PublicAddress.Absolute(request, pathAndQuery)
            : PublicAddress.Absolute(request, pathAndQuery[..query]) + pathAndQuery[query..];
    }

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static bool IsSafe(string href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var uri) ? uri.Scheme is "http" or "https" : !href.Contains(':', StringComparison.Ordinal);
}
