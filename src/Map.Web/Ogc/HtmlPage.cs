using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Map.Web.Ogc;

/// <summary>
/// The HTML representation of API resources: the title, the resource's links as anchors and its JSON, readable in
/// a browser. Self-contained (no script, no external style), as everything here works offline.
/// </summary>
public static class HtmlPage
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ContentHttpResult From(string title, JsonNode document)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title>")
            .Append("<style>body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;max-width:70em}pre{background:#f4f4f4;padding:1em;overflow:auto}</style>")
            .Append("</head><body><h1>").Append(Encode(title)).Append("</h1>")
            .Append("<nav><a href=\"/\">Map</a> · <a href=\"/collections?f=html\">Collections</a> · <a href=\"/api/reference\">API reference</a></nav>");
        if (document["links"] is JsonArray links)
        {
            html.Append("<h2>Links</h2><ul>");
            foreach (var link in links.OfType<JsonObject>())
                html.Append("<li><a href=\"").Append(Encode((string?)link["href"])).Append("\">")
                    .Append(Encode((string?)link["title"] ?? (string?)link["href"])).Append("</a> <small>")
                    .Append(Encode((string?)link["rel"])).Append(' ').Append(Encode((string?)link["type"])).Append("</small></li>");
            html.Append("</ul>");
        }
        html.Append("<h2>JSON</h2><pre>").Append(Encode(document.ToJsonString(Indented))).Append("</pre></body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
