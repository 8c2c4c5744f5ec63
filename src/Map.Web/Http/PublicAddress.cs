using System.Net;
using Map.Web.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Map.Web.Http;

/// <summary>
/// Where the links in every document point. With Map:PublicBaseUrl set, there and nowhere else, whatever the request
/// says. Without it, this request's scheme and host: the Host header is limited to AllowedHosts (ASP.NET's host
/// filtering answers 400 to any other), and X-Forwarded-Proto/Host/Prefix count only when they come from a proxy
/// listed in Map:ForwardedHeaders.
/// </summary>
public static partial class PublicAddress
{
    public static WebApplicationBuilder AddPublicAddress(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>, IConfiguration>((forwarded, proxies, configuration) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.Value.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            forwarded.AllowedHosts = AllowedHosts(configuration);
        });
        return builder;
    }

    /// <summary>Forwarded headers first, when proxies are configured, so that everything after sees the client's scheme and host.</summary>
    public static WebApplication UsePublicAddress(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value;
        if (proxies.KnownProxies.Length + proxies.KnownNetworks.Length > 0) app.UseForwardedHeaders();
        var publicBaseUrl = app.Services.GetRequiredService<IOptions<MapOptions>>().Value.PublicBaseUrl;
        if (publicBaseUrl.Length == 0 && AllowedHosts(app.Configuration).Count == 0) LogAnyHost(app.Logger);
        return app;
    }

    /// <summary>The absolute URL of <paramref name="path"/> (already escaped, starting with '/').</summary>
    public static string Absolute(HttpRequest request, string path)
    {
        var publicBaseUrl = request.HttpContext.RequestServices.GetRequiredService<IOptions<MapOptions>>().Value.PublicBaseUrl;
        return publicBaseUrl.Length > 0
            ? publicBaseUrl.TrimEnd('/') + path
            : UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, path);
    }

    /// <summary>AllowedHosts as a list; empty when any host is allowed ("*").</summary>
    private static List<string> AllowedHosts(IConfiguration configuration) =>
        (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(host => host != "*").ToList();

    [LoggerMessage(LogLevel.Warning,
        "AllowedHosts is '*' and Map:PublicBaseUrl is empty: links are built from whatever Host header a request sends. Set one of them.")]
    private static partial void LogAnyHost(ILogger logger);
}

/// <summary>The "Map:ForwardedHeaders" section: the reverse proxies whose X-Forwarded-* headers are believed.</summary>
public sealed class ProxyOptions : System.ComponentModel.DataAnnotations.IValidatableObject
{
    public const string Section = "Map:ForwardedHeaders";

    /// <summary>IP addresses of the proxies in front of the app, e.g. ["10.0.0.5"].</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies in CIDR notation, e.g. ["172.18.0.0/16"] for a Docker network.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(
        System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
            yield return new($"{Section}:KnownProxies: '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
            yield return new($"{Section}:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.0.0/8).", [nameof(KnownNetworks)]);
    }
}
