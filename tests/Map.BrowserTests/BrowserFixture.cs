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

    /// <summary>A fresh page on the map, waited until the layers are drawn.</summary>
    public async Task<MapPage> OpenMapAsync(string pathAndQuery = "/", int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var mapPage = new MapPage(page, App.BaseAddress);
        await mapPage.GotoAsync(pathAndQuery);
        return mapPage;
    }

    public async Task DisposeAsync()
    {
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
