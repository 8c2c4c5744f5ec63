using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Map.Web.ClientConfig;
using Map.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Map.Web.Http;

/// <summary>
/// Headers that make the pages hard to abuse, on every response: a Content-Security-Policy that lets a page load
/// and run only what this app serves, nosniff, no framing and no Referer.
/// </summary>
/// <remarks>
/// Scripts: the app's own files, plus the inline blocks of its own pages by hash (the map's import map and the API
/// reference), so no 'unsafe-inline'. Styles: the app's own files only; Leaflet positions its panes, markers and
/// tiles through element.style (the CSS object model), which a policy does not govern, and the map's own modules do
/// the same for the colour swatches. Images: the app's, data: (the favicon, Leaflet's SVG markers) and blob: (the
/// PNG export), plus the online tile server when one is configured. Connections: the app and its public address.
/// </remarks>
public static partial class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var policy = new Lazy<string>(() => Policy(app));
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy.Value;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>Computed once, at the first response (the page is read from wwwroot/: edit index.html, restart the app).</summary>
    private static string Policy(WebApplication app)
    {
        var basemap = app.Services.GetRequiredService<IOptions<BasemapOptions>>().Value;
        var publicBaseUrl = app.Services.GetRequiredService<IOptions<MapOptions>>().Value.PublicBaseUrl;
        var pages = new[] { File.ReadAllText(Path.Combine(app.Environment.WebRootPath, "index.html")), OpenApi.OpenApiRegistration.ReferenceHtml };
        var scripts = pages.SelectMany(page => InlineBlocks(page, "script")).Select(Hash).Distinct();
        var styles = pages.SelectMany(page => InlineBlocks(page, "style")).Select(Hash).Distinct();
        var tiles = basemap.TileUrl.Length == 0 ? "" : " " + Origin(basemap.TileUrl);
        var publicOrigin = publicBaseUrl.Length == 0 ? "" : " " + Origin(publicBaseUrl);
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' {string.Join(' ', scripts)}",
            $"style-src 'self' {string.Join(' ', styles)}",
            $"img-src 'self' data: blob:{tiles}",
            $"connect-src 'self'{publicOrigin}",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    /// <summary>The contents of the inline script or style elements of a page (those without src).</summary>
    private static IEnumerable<string> InlineBlocks(string html, string element) =>
        new Regex($"<{element}(?![^>]*\\ssrc=)[^>]*>(.*?)</{element}>", RegexOptions.Singleline | RegexOptions.IgnoreCase)
            .Matches(html).Select(m => m.Groups[1].Value);

    private static string Hash(string block) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(block)))}'";

    /// <summary>scheme://host[:port] of a URL or tile template, the form a CSP source takes ({s} subdomains become *).</summary>
    private static string Origin(string url) => OriginPattern().Match(url).Value.Replace("{s}", "*", StringComparison.Ordinal);

    [GeneratedRegex("^https?://[^/?#]+")]
    private static partial Regex OriginPattern();
}
