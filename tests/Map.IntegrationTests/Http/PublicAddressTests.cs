using System.Net;
using System.Text.Json.Nodes;
using Map.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Map.IntegrationTests.Http;

public sealed class PublicAddressFixture : IAsyncLifetime
{
    /// <summary>The test database; each test starts its own app on it with the settings it is about.</summary>
    public MapApplication Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await MapApplication.StartAsync("links", MapApplication.FixtureGeodata);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

/// <summary>
/// Links come from Map:PublicBaseUrl, or from the request's host only as AllowedHosts permits and from X-Forwarded-*
/// only when a configured proxy sends them: a Host header an attacker chooses never ends up in a link.
/// </summary>
public sealed class PublicAddressTests(PublicAddressFixture fixture) : IClassFixture<PublicAddressFixture>
{
    private static readonly string[] Documents =
    [
        "/?f=json", "/conformance", "/collections", "/collections/bases", "/collections/bases/items?limit=1",
        "/collections/bases/items/always", "/collections/bases/queryables", "/collections/bases/items?f=html",
    ];

    [Fact]
    public async Task AHostThatIsNotAllowedIsRefusedSoItNeverReachesALink()
    {
        await using var app = Start(realPort: true);
        using var client = app.CreateClient();
        foreach (var path in Documents)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "evil.example";
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var links = await LinksAsync(client, "/collections");
        Assert.All(links, href => Assert.StartsWith(app.ClientOptions.BaseAddress.ToString().TrimEnd('/'), href, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithAPublicBaseUrlEveryLinkUsesItWhateverHostTheRequestNames()
    {
        await using var app = Start(realPort: false, ("Map:PublicBaseUrl", "https://map.example.org/syria"), ("AllowedHosts", "*"));
        using var client = app.CreateClient();
        foreach (var path in Documents)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "evil.example";
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
            Assert.Contains("https://map.example.org/syria/", body, StringComparison.Ordinal);
        }
        Assert.All(await LinksAsync(client, "/collections/bases/items?limit=1"),
            href => Assert.StartsWith("https://map.example.org/syria/", href, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForwardedHeadersCountOnlyFromAConfiguredProxy()
    {
        (string, string?)[] allowed = [("AllowedHosts", "localhost;127.0.0.1;map.example.org")];
        await using var behindProxy = Start(realPort: true, [.. allowed, ("Map:ForwardedHeaders:KnownProxies:0", "127.0.0.1")]);
        await using var noProxy = Start(realPort: true, [.. allowed, ("Map:ForwardedHeaders:KnownNetworks:0", "10.9.0.0/16")]);

        Assert.All(await ForwardedLinksAsync(behindProxy, "map.example.org"),
            href => Assert.StartsWith("https://map.example.org/collections", href, StringComparison.Ordinal));
        Assert.All(await ForwardedLinksAsync(noProxy, "map.example.org"),
            href => Assert.StartsWith("http://127.0.0.1:", href, StringComparison.Ordinal));
        // A known proxy passing on a host that is not allowed: the forwarded host is not believed.
        Assert.All(await ForwardedLinksAsync(behindProxy, "evil.example"), href => Assert.DoesNotContain("evil.example", href, StringComparison.Ordinal));
    }

    private static async Task<List<string>> ForwardedLinksAsync(WebApplicationFactory<Program> app, string host)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/collections");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", host);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await client.SendAsync(request);
        return Links(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<List<string>> LinksAsync(HttpClient client, string path) =>
        Links(JsonNode.Parse(await client.GetStringAsync(path))!);

    /// <summary>Every "href" anywhere in the document.</summary>
    private static List<string> Links(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "href" ? [(string)p.Value!] : p.Value is null ? [] : Links(p.Value)).ToList(),
        JsonArray a => a.SelectMany(item => item is null ? [] : Links(item)).ToList(),
        _ => [],
    };

    private WebApplicationFactory<Program> Start(bool realPort, params (string Key, string? Value)[] settings)
    {
        var app = fixture.Database.WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => s.Value)));
            if (realPort) builder.UseUrls("http://127.0.0.1:0");
        });
        if (realPort) app.UseKestrel();
        app.StartServer();
        return app;
    }
}
