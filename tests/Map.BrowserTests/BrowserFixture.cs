using Map.Testing;
using Microsoft.Playwright;

namespace Map.BrowserTests;

/// <summary>
/// One app on a real loopback port, seeded with the repository's own geodata/, and one Debian Chromium for all
/// browser tests. Every request a page makes is recorded, so tests can prove nothing leaves localhost.
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
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
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
