using Map.Web.Items;
using Microsoft.Net.Http.Headers;

namespace Map.Web.Ogc;

public enum OutputFormat { Json, Html }

/// <summary>Picks JSON or HTML from f=json|html, else from the Accept header (browsers ask for text/html first).</summary>
public static class Negotiation
{
    public static OutputFormat Format(HttpRequest request)
    {
        if (request.Query.TryGetValue(QueryParameters.Format, out var f))
            return f.ToString().ToLowerInvariant() switch
            {
                "json" or "geojson" => OutputFormat.Json,
                "html" => OutputFormat.Html,
                _ => throw new InvalidParameterException(QueryParameters.Format, $"'{f}' is not a format here; use json or html."),
            };
        var accepted = request.GetTypedHeaders().Accept;
        double html = 0, json = 0;
        foreach (var media in accepted)
        {
            var quality = media.Quality ?? 1;
            var type = media.MediaType.Value ?? "";
            if (type.Equals(MediaTypes.Html, StringComparison.OrdinalIgnoreCase)) html = Math.Max(html, quality);
            else if (type.EndsWith("json", StringComparison.OrdinalIgnoreCase) || type == "*/*" || type == "application/*") json = Math.Max(json, quality);
        }
        return html > json ? OutputFormat.Html : OutputFormat.Json;
    }
}

/// <summary>The f parameter, declared on every OGC endpoint so the OpenAPI document lists it (Negotiation reads it).</summary>
public sealed record FormatParameter(
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "f")]
    [property: System.ComponentModel.Description("Response format: json (default for clients) or html (default for browsers).")]
    string? F);
