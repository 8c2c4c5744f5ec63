using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Map.Testing;
using Microsoft.Playwright;
using Npgsql;

namespace Map.BrowserTests;

/// <summary>
/// One app on a real loopback port, seeded with the repository's own geodata/, and one Debian Chromium for all
/// browser tests. Every request a page makes is recorded, so tests can prove nothing leaves localhost.
/// The database also holds a dense layer of <see cref="DensePointCount"/> generated points, valid only in
/// <see cref="DenseYear"/> (so no other date draws them), for the clustering tests; it is not part of geodata/.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic",
    ];

    public MapApplication App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>The app's own API, read directly: the independent source of what a page should show.</summary>
    public HttpClient Api { get; private set; } = null!;
    private IPlaywright playwright = null!;

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Path.Combine(MapApplication.RepositoryRoot, ".local", "test-artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        App = await MapApplication.StartAsync("browser", MapApplication.RepositoryGeodata, onRealPort: true);
        await AddDenseLayerAsync();
        await AddTiledLayerAsync();
        Api = App.CreateClient();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public const string DenseLayerId = "dense-test";
    public const int DensePointCount = 5000;
    public const int DenseYear = 2001;
    /// <summary>The dense layer lies on a 100 × 50 grid, 0.008° apart, from this corner (lon, lat).</summary>
    public static readonly (double Lon, double Lat) DenseCorner = (38.6, 34.0);

    private async Task AddDenseLayerAsync()
    {
        await using var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO layers (id, title, description, geometry_kind, role, style, display_order, published, updated_at)
            VALUES (@layer, 'Dense test points', 'Browser-test fixture, not presence data', 'Point', 'Presence', '{}', 99, true, now());
            INSERT INTO features (id, layer_id, actor_id, name, kind, geometry, valid_from, valid_to, date_precision,
                                  confidence, approximate, sources, properties, created_at, updated_at)
            SELECT 'dense-' || i, @layer, 'russia', 'Dense point ' || i, 'outpost',
                   ST_SetSRID(ST_MakePoint(@lon + (i % 100) * 0.008, @lat + (i / 100) * 0.008), 4326),
                   make_date(@year, 1, 1), make_date(@year, 12, 31), 'Day', 0.9, false, '[]', '{}', now(), now()
            FROM generate_series(0, @count - 1) AS i;
            """, connection);
        command.Parameters.AddWithValue("layer", DenseLayerId);
        command.Parameters.AddWithValue("lon", DenseCorner.Lon);
        command.Parameters.AddWithValue("lat", DenseCorner.Lat);
        command.Parameters.AddWithValue("year", DenseYear);
        command.Parameters.AddWithValue("count", DensePointCount);
        await command.ExecuteNonQueryAsync();
    }

    public const string TiledLayerId = "tiled-test";
    /// <summary>Twice 12,000 points on the same 120 × 100 grid, 0.01° apart from (37.0, 33.2): Russian in 2005, Turkish in 2006.</summary>
    public const int TiledGridColumns = 120;
    public const int TiledPointsPerYear = 12_000;
    public static readonly (double Lon, double Lat) TiledCorner = (37.0, 33.2);

    /// <summary>A layer above the map's tile threshold (10,000 features), so the map draws it from vector tiles.</summary>
    private async Task AddTiledLayerAsync()
    {
        await using var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO layers (id, title, description, geometry_kind, role, style, display_order, published, updated_at)
            VALUES (@layer, 'Tiled test points', 'Browser-test fixture, not presence data', 'Point', 'Presence', '{}', 98, true, now());
            INSERT INTO features (id, layer_id, actor_id, name, kind, geometry, valid_from, valid_to, date_precision,
                                  confidence, approximate, sources, properties, created_at, updated_at)
            SELECT 'tiled-' || y.tag || '-' || i, @layer, y.actor, 'Tiled point ' || y.tag || ' ' || i, 'outpost',
                   ST_SetSRID(ST_MakePoint(@lon + (i % @columns) * 0.01, @lat + (i / @columns) * 0.01), 4326),
                   make_date(y.year, 1, 1), make_date(y.year, 12, 31), 'Day', 0.9, false, '[]', '{}', now(), now()
            FROM generate_series(0, @count - 1) AS i,
                 (VALUES ('a', 'russia', 2005), ('b', 'turkey', 2006)) AS y(tag, actor, year);
            """, connection);
        command.Parameters.AddWithValue("layer", TiledLayerId);
        command.Parameters.AddWithValue("lon", TiledCorner.Lon);
        command.Parameters.AddWithValue("lat", TiledCorner.Lat);
        command.Parameters.AddWithValue("columns", TiledGridColumns);
        command.Parameters.AddWithValue("count", TiledPointsPerYear);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A fresh page on the map, waited until the layers are drawn.</summary>
    public async Task<MapPage> OpenMapAsync(string pathAndQuery = "/", int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var mapPage = new MapPage(page, App.BaseAddress, this);
        await mapPage.GotoAsync(pathAndQuery);
        return mapPage;
    }

    /// <summary>Ids of the presence collections, from /collections.</summary>
    public async Task<string[]> PresenceCollectionsAsync()
    {
        var collections = (await Api.GetFromJsonAsync<JsonObject>("/collections"))!["collections"]!.AsArray();
        return collections.Where(c => (string?)c!["role"] == "presence").Select(c => (string)c!["id"]!).ToArray();
    }

    /// <summary>Presence features from the API: every layer's items with these query parameters (bbox, datetime).</summary>
    public async Task<List<JsonObject>> FeaturesAsync(string query)
    {
        var features = new List<JsonObject>();
        foreach (var collection in await PresenceCollectionsAsync())
        {
            var page = (await Api.GetFromJsonAsync<JsonObject>($"/collections/{collection}/items?limit=10000&{query}"))!;
            Assert.Null(page["links"]!.AsArray().FirstOrDefault(l => (string?)l!["rel"] == "next"));
            features.AddRange(page["features"]!.AsArray().Select(f => f!.AsObject()));
        }
        return features;
    }

    private readonly Dictionary<string, JsonObject> featuresById = [];

    /// <summary>One presence feature by id, from the API (any layer, any date).</summary>
    public async Task<JsonObject> FeatureAsync(string id)
    {
        if (featuresById.TryGetValue(id, out var known)) return known;
        foreach (var collection in await PresenceCollectionsAsync())
        {
            using var response = await Api.GetAsync($"/collections/{collection}/items/{Uri.EscapeDataString(id)}");
            if (!response.IsSuccessStatusCode) continue;
            return featuresById[id] = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }
        throw new InvalidOperationException($"No presence feature '{id}' in the API.");
    }

    /// <summary>A feature's name in the page's language ("en" or "ar"): the title of its symbol on the map.</summary>
    public async Task<string> NameOfAsync(string id, string language = "en") =>
        (string)(await FeatureAsync(id))["properties"]![language == "ar" ? "nameAr" : "name"]!;

    /// <summary>A new editor key (named after the test, so history rows say who wrote them).</summary>
    public async Task<string> EditorKeyAsync(string purpose)
    {
        await using var dataSource = Map.Data.MapDataRegistration.CreateDataSource(App.Database.ConnectionString);
        return await new Map.Data.Keys.ApiKeyService(dataSource).AddAsync($"{purpose} {Guid.NewGuid():N}"[..30], Map.Data.Keys.KeyRole.Editor);
    }

    /// <summary>Deletes a feature a test wrote, through the API with an editor key (the other tests must not meet it).</summary>
    public async Task DeleteFeatureAsync(string layer, string id, string key)
    {
        var path = $"/collections/{layer}/items/{Uri.EscapeDataString(id)}";
        using var current = await Api.GetAsync(path);
        if (current.StatusCode == System.Net.HttpStatusCode.NotFound) return;
        using var delete = new HttpRequestMessage(HttpMethod.Delete, path);
        delete.Headers.Authorization = new("Bearer", key);
        delete.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
        delete.Headers.Add("Map-Comment", "test clean-up");
        delete.Headers.Add("Map-Source", "https://example.org/clean-up 2025-01-01 Clean-up");
        using var response = await Api.SendAsync(delete);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await Browser.CloseAsync();
        playwright.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
