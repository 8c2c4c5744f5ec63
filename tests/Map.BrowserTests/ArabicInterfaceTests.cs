using Microsoft.Playwright;

namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ArabicInterfaceTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheArabicInterfaceIsRightToLeftWithArabicStringsAndNames()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25&lang=ar");
        Assert.Equal("rtl", await map.Page.EvaluateAsync<string>("document.documentElement.dir"));
        Assert.Equal("ar", await map.Page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal("rtl", await map.Page.EvaluateAsync<string>("getComputedStyle(document.body).direction"));
        Assert.Equal("خريطة انتشار القوى", await map.Page.Locator("h1").InnerTextAsync());
        Assert.Contains("روسيا", await map.Page.Locator("#legend-panel").InnerTextAsync());

        // The sidebar sits on the right of the map, mirrored from the English layout.
        var sidebar = (await map.Page.Locator("#sidebar").BoundingBoxAsync())!;
        var mapBox = (await map.Page.Locator("#map").BoundingBoxAsync())!;
        Assert.True(sidebar.X > mapBox.X, $"sidebar at x={sidebar.X}, map at x={mapBox.X}");

        await map.HideForceAsync("bases", "syrian-government"); // its enclave is drawn over the Russian symbol, (each names its holder in Arabic too)
        await map.ClickFeatureAsync("russia-qamishli-airport");
        Assert.Equal("مطار القامشلي (روسيا)", await map.Details.Locator("h2").InnerTextAsync());
        Assert.Empty(map.ConsoleErrors);
        await map.ScreenshotAsync("arabic");
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheLanguageSwitchKeepsTheViewAndTurnsTheInterfaceArabic()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        await map.Page.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await map.WaitUntilAsync("() => document.documentElement.dir === 'rtl' && document.body.dataset.ready === 'true'");
        Assert.Contains("lang=ar", map.Page.Url);
        Assert.Equal("2020-08-25", await map.Page.Locator("#date-input").InputValueAsync());
        await map.CloseAsync();
    }
}
