using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class MapPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task ThePageLoadsWithoutConsoleErrorsAndNothingLeavesLocalhost()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        Assert.Equal("true", await map.Page.EvaluateAsync<string>("document.body.dataset.ready"));
        Assert.Empty(map.ConsoleErrors);
        Assert.Empty(map.RequestsLeavingLocalhost);
        await map.ScreenshotAsync("default");
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheOfflineBasemapIsDrawnWithItsAttribution()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        Assert.Contains("Towns: GeoNames (CC-BY 4.0)", await map.Page.Locator(".leaflet-control-attribution").InnerTextAsync());
        Assert.Contains("Qamishli", await map.Page.Locator(".map-label").AllInnerTextsAsync());
        Assert.Equal(0, await map.Page.Locator(".leaflet-tile").CountAsync());
        await map.CloseAsync();
    }

    [Fact]
    public async Task EveryFeatureTheApiServesForTheDateIsDrawnInItsForcesColour()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var features = await browser.FeaturesAsync("datetime=2020-08-25");
        var points = features.Where(f => (string?)f["geometry"]!["type"] == "Point").ToList();
        Assert.True(points.Count >= 20, $"only {points.Count} points on that date");

        // One symbol per point feature, titled with its name; one SVG path per line or area.
        Assert.Equal(points.Select(f => (string)f["properties"]!["name"]!).Order(), (await map.DrawnNamesAsync()).Order());
        Assert.Equal(features.Count - points.Count, await map.Page.Locator(".leaflet-overlay-pane svg path.leaflet-interactive").CountAsync());

        // Each symbol is filled with its force's colour from /actors, and dashed exactly when its position is approximate.
        var colours = (await browser.Api.GetFromJsonAsync<JsonArray>("/actors"))!.ToDictionary(a => (string)a!["id"]!, a => (string)a!["colour"]!);
        // Each symbol drawn alone (records at one place are stacked under the top one) is filled with its force's colour
        // from /actors, and dashed exactly when its position is approximate; records of several parties are striped.
        var symbols = await map.Page.EvaluateAsync<string[][]>("""
            () => [...document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon.symbol:not(.symbol-stack)')].map(icon => {
              const p = icon.querySelector('svg path');
              return [icon.dataset.feature, p.getAttribute('fill'), p.getAttribute('stroke-dasharray') ?? ''];
            })
            """);
        Assert.True(symbols.Length >= 20, $"only {symbols.Length} symbols drawn alone");
        var byId = points.ToDictionary(f => (string)f["id"]!);
        foreach (var symbol in symbols)
        {
            Assert.True(byId.TryGetValue(symbol[0], out var feature), $"{symbol[0]} is drawn but not served for the date");
            var properties = feature["properties"]!;
            if ((properties["parties"] as JsonArray)?.Count > 1) continue;
            Assert.Equal(colours[(string)properties["actor"]!], symbol[1], ignoreCase: true);
            Assert.Equal((bool?)properties["approximate"] == true, symbol[2].Length > 0);
        }
        Assert.True(await map.IsDrawnAsync("russia-qamishli-airport"), "russia-qamishli-airport is not drawn, alone or in a stack");
        await map.CloseAsync();
    }

    [Fact]
    public async Task UncheckingALayerHidesItsFeatures()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var toggle = map.Page.GetByRole(Microsoft.Playwright.AriaRole.Checkbox, new() { Name = "Bases and outposts" });
        await toggle.UncheckAsync();
        Assert.False(await map.IsDrawnAsync("russia-qamishli-airport"), "russia-qamishli-airport is drawn");
        await map.Page.GetByRole(Microsoft.Playwright.AriaRole.Checkbox, new() { Name = "Bases and outposts" }).CheckAsync();
        Assert.True(await map.IsDrawnAsync("russia-qamishli-airport"), "russia-qamishli-airport is not drawn");
        await map.CloseAsync();
    }

    [Fact]
    public async Task UncheckingAForceInALayerHidesOnlyThatForceThere()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var bases = map.Page.Locator("fieldset[data-layer='bases']");
        await bases.GetByRole(Microsoft.Playwright.AriaRole.Checkbox, new() { Name = "Russia" }).UncheckAsync();
        Assert.False(await map.IsDrawnAsync("russia-qamishli-airport"));
        Assert.True(await map.IsDrawnAsync("syrian-government-qamishli-airport"));
        Assert.True(await map.IsDrawnAsync("enc-2020-08-25-dayrik-collision"));
        Assert.Contains("hide=bases:russia", map.Page.Url);
        await map.CloseAsync();
    }
}
