using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Map.BrowserTests;

/// <summary>
/// A layer above the tile threshold, drawn from vector tiles on canvas: the fixture's tiled layer is Russian (orange)
/// in 2005 and Turkish (pink) in 2006 on the same grid, so the colours on the canvases say which date is drawn.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TiledLayerTests(BrowserFixture browser)
{
    /// <summary>The grid point in the middle of the view (row 50, column 60).</summary>
    private static readonly (double Lon, double Lat) Middle =
        (BrowserFixture.TiledCorner.Lon + 0.6, BrowserFixture.TiledCorner.Lat + 0.5);
    private static readonly int MiddleIndex = 50 * BrowserFixture.TiledGridColumns + 60;

    private static string View(string date, int zoom, string extra = "") => string.Create(CultureInfo.InvariantCulture,
        $"/#date={date}&z={zoom}&c={Middle.Lat},{Middle.Lon}{extra}");

    /// <summary>Opaque canvas pixels of the tiled layer in the Russian and the Turkish colour (styles.js, actors.json).</summary>
    private const string ColourCount = """
        () => {
          const near = (d, i, [r, g, b]) => Math.abs(d[i] - r) < 12 && Math.abs(d[i + 1] - g) < 12 && Math.abs(d[i + 2] - b) < 12;
          const count = { russia: 0, turkey: 0 };
          for (const canvas of document.querySelectorAll('.leaflet-presenceTiles-pane canvas')) {
            if (!canvas.width) continue;
            const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 0; i < d.length; i += 4) {
              if (d[i + 3] < 200) continue;
              if (near(d, i, [0xD5, 0x5E, 0x00])) count.russia++;
              if (near(d, i, [0xCC, 0x79, 0xA7])) count.turkey++;
            }
          }
          return count;
        }
        """;

    private sealed class Colours
    {
        public int Russia { get; set; }
        public int Turkey { get; set; }
    }

    private static async Task SetDateAsync(IPage page, string date)
    {
        await page.Locator("#date-input").FillAsync(date);
        await page.Locator("#date-input").DispatchEventAsync("change");
    }

    [Fact]
    public async Task TwoQuickDateChangesLeaveOnlyTheLastDatesFeatures()
    {
        var map = await browser.OpenMapAsync(View("2004-06-01", 12));
        // The first date's tiles answer late: if they were not cancelled and ignored, they would be drawn last.
        await map.Page.RouteAsync(new Regex("/tiles/.*datetime=2005-06-01"), async route =>
        {
            await Task.Delay(1500);
            try { await route.ContinueAsync(); } catch (PlaywrightException) { /* the page aborted the request */ }
        });

        await SetDateAsync(map.Page, "2005-06-01");
        await SetDateAsync(map.Page, "2006-06-01");
        await map.WaitForViewAsync("2006-06-01");
        await Task.Delay(2000);

        var colours = await map.Page.EvaluateAsync<Colours>(ColourCount);
        Assert.True(colours.Turkey > 1000, $"Turkish pixels: {colours.Turkey}");
        Assert.Equal(0, colours.Russia);
        Assert.Empty(map.ConsoleErrors);
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheLayerPanelShowsTheLayerBusyWhileItsTilesLoad()
    {
        var map = await browser.OpenMapAsync(View("2005-06-01", 12));
        Assert.True((await map.Page.EvaluateAsync<Colours>(ColourCount)).Russia > 1000);
        await map.Page.RouteAsync(new Regex("/tiles/.*datetime=2006-06-01"), async route =>
        {
            await Task.Delay(1500);
            await route.ContinueAsync();
        });
        var group = map.Page.Locator($"fieldset[data-layer='{BrowserFixture.TiledLayerId}']");

        await SetDateAsync(map.Page, "2006-06-01");

        await Assertions.Expect(group.Locator(".layer-busy")).ToBeVisibleAsync();
        await Assertions.Expect(group).ToHaveAttributeAsync("aria-busy", "true");
        await Assertions.Expect(map.Page.Locator("#status")).ToContainTextAsync("Loading Tiled test points");
        await map.WaitForViewAsync("2006-06-01");
        await Assertions.Expect(group.Locator(".layer-busy")).ToBeHiddenAsync();
        await Assertions.Expect(group).ToHaveAttributeAsync("aria-busy", "false");
        await map.CloseAsync();
    }

    [Fact]
    public async Task ClickingATiledFeatureOpensItsDetails()
    {
        var map = await browser.OpenMapAsync(View("2005-06-01", 13));
        var point = await map.Page.EvaluateAsync<double[]>(
            "([lat, lon]) => { const p = window.presenceMap.latLngToContainerPoint([lat, lon]); " +
            "const box = document.getElementById('map').getBoundingClientRect(); return [box.left + p.x, box.top + p.y]; }",
            new[] { Middle.Lat, Middle.Lon });

        await map.Page.Mouse.ClickAsync((float)point[0], (float)point[1]);

        var id = $"tiled-a-{MiddleIndex}";
        await map.Page.Locator($"#details[data-feature='{id}']").WaitForAsync();
        await Assertions.Expect(map.Details.Locator("h2")).ToHaveTextAsync($"Tiled point a {MiddleIndex}");
        await Assertions.Expect(map.Details).ToContainTextAsync("Russia");
        Assert.Empty(map.ConsoleErrors);
        await map.CloseAsync();
    }

    [Fact]
    public async Task AHiddenTiledLayerIsNeverRequested()
    {
        var map = await browser.OpenMapAsync(View("2005-06-01", 12, $"&off={BrowserFixture.TiledLayerId}"));
        Assert.DoesNotContain(map.RequestedUrls, url => url.Contains($"/collections/{BrowserFixture.TiledLayerId}/", StringComparison.Ordinal));
        Assert.DoesNotContain(map.RequestedUrls, url => url.Contains("protomaps", StringComparison.Ordinal));

        await map.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Tiled test points" }).ClickAsync();
        await map.WaitUntilAsync(
            "() => document.querySelector(\"fieldset[data-layer='tiled-test']\").getAttribute('aria-busy') === 'false'" +
            " && document.querySelectorAll('.leaflet-presenceTiles-pane canvas').length > 0");
        Assert.Contains(map.RequestedUrls, url => url.Contains($"/collections/{BrowserFixture.TiledLayerId}/tiles/", StringComparison.Ordinal));
        Assert.True((await map.Page.EvaluateAsync<Colours>(ColourCount)).Russia > 1000);
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheTextListOfATiledLayerAsksTheApiForTheViewAndTheLegendExplainsCountBubbles()
    {
        var map = await browser.OpenMapAsync(View("2005-06-01", 9));
        await Assertions.Expect(map.Page.Locator("[data-legend='aggregated']")).ToBeVisibleAsync();
        await map.Page.Locator("#text-list summary").ClickAsync();
        await Assertions.Expect(map.Page.Locator("#text-list .too-many")).ToContainTextAsync("zoom in");
        await map.CloseAsync();
    }
}
