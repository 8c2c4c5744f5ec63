namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class RegionTests(BrowserFixture browser)
{
    [Fact]
    public async Task ChoosingARegionMovesTheMapOntoIt()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var before = await map.ViewAsync();
        await map.Page.GetByLabel("Region").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "Al-Tanf" });

        var after = await map.ViewAsync();
        Assert.NotEqual(before, after);
        // The region's box (37.8–39.45 E, 32.85–34.15 N) is now in view and the garrison is drawn.
        Assert.True(await map.Page.EvaluateAsync<bool>("() => window.presenceMap.getBounds().contains([[32.85, 37.8], [34.15, 39.45]])"));
        Assert.InRange(after.Lng, 37.8, 39.45);
        Assert.True(await map.IsDrawnAsync("us-al-tanf-garrison"), "us-al-tanf-garrison is not drawn");
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheRegionListComesFromTheRegionsTableInBothLanguages()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var options = await map.Page.Locator("#region-select option").AllInnerTextsAsync();
        Assert.Contains("Northeastern Syria", options);
        await map.CloseAsync();

        var arabic = await browser.OpenMapAsync("/#date=2020-08-25&lang=ar");
        Assert.Contains("شمال شرق سوريا", await arabic.Page.Locator("#region-select option").AllInnerTextsAsync());
        await arabic.CloseAsync();
    }
}
