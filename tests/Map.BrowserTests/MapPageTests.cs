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
    public async Task SeededFeaturesAppearOnTheMap()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var drawn = await map.DrawnFeatureIdsAsync();
        Assert.Contains("russia-qamishli-airport", drawn);
        Assert.True(drawn.Length >= 20, $"only {drawn.Length} features drawn");
        await map.CloseAsync();
    }

    [Fact]
    public async Task UncheckingALayerHidesItsFeatures()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var toggle = map.Page.GetByRole(Microsoft.Playwright.AriaRole.Checkbox, new() { Name = "Bases and outposts" });
        await toggle.UncheckAsync();
        Assert.DoesNotContain("russia-qamishli-airport", await map.DrawnFeatureIdsAsync());
        await map.Page.GetByRole(Microsoft.Playwright.AriaRole.Checkbox, new() { Name = "Bases and outposts" }).CheckAsync();
        Assert.Contains("russia-qamishli-airport", await map.DrawnFeatureIdsAsync());
        await map.CloseAsync();
    }

    [Fact]
    public async Task UncheckingAForceInALayerHidesOnlyThatForceThere()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var bases = map.Page.Locator("fieldset[data-layer='bases']");
        await bases.GetByRole(Microsoft.Playwright.AriaRole.Checkbox, new() { Name = "Russia" }).UncheckAsync();
        var drawn = await map.DrawnFeatureIdsAsync();
        Assert.DoesNotContain("russia-qamishli-airport", drawn);
        Assert.Contains("syrian-government-qamishli-airport", drawn);
        Assert.Contains("enc-2020-08-25-dayrik-collision", drawn);
        Assert.Contains("hide=bases:russia", map.Page.Url);
        await map.CloseAsync();
    }
}
