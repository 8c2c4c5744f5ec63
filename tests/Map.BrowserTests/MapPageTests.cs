namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class MapPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task ThePageLoadsWithoutConsoleErrorsAndNothingLeavesLocalhost()
    {
        var map = await browser.OpenMapAsync();
        Assert.Equal("true", await map.Page.EvaluateAsync<string>("document.body.dataset.ready"));
        Assert.Empty(map.ConsoleErrors);
        Assert.Empty(map.RequestsLeavingLocalhost);
        await map.ScreenshotAsync("default");
        await map.CloseAsync();
    }

    [Fact]
    public async Task SeededFeaturesAppearOnTheMap()
    {
        var map = await browser.OpenMapAsync();
        var drawn = await map.DrawnFeatureIdsAsync();
        Assert.Contains("russia-qamishli-airport", drawn);
        Assert.True(drawn.Length >= 20, $"only {drawn.Length} features drawn");
        await map.CloseAsync();
    }

    [Fact]
    public async Task UncheckingALayerHidesItsFeatures()
    {
        var map = await browser.OpenMapAsync();
        var toggle = map.Page.GetByRole(Microsoft.Playwright.AriaRole.Checkbox, new() { Name = "Bases and outposts" });
        await toggle.UncheckAsync();
        Assert.DoesNotContain("russia-qamishli-airport", await map.DrawnFeatureIdsAsync());
        await toggle.CheckAsync();
        Assert.Contains("russia-qamishli-airport", await map.DrawnFeatureIdsAsync());
        await map.CloseAsync();
    }

    [Fact]
    public async Task ClickingAFeatureOpensAPopupWithItsSourceLink()
    {
        var map = await browser.OpenMapAsync();
        await map.Page.EvaluateAsync(
            "() => { window.presenceMap.eachLayer(l => { if (l.feature && l.feature.id === 'russia-qamishli-airport') l.fire('click', { latlng: l.getLatLng() }); }); }");
        var popup = map.Page.Locator(".leaflet-popup-content");
        await popup.WaitForAsync();
        Assert.Contains("Qamishli", await popup.InnerTextAsync());
        var link = popup.Locator("ul.sources a").First;
        Assert.StartsWith("http", await link.GetAttributeAsync("href"));
        await map.ScreenshotAsync("popup");
        await map.CloseAsync();
    }
}
