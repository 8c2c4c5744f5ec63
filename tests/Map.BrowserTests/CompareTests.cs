using Microsoft.Playwright;

namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class CompareTests(BrowserFixture browser)
{
    [Fact]
    public async Task CompareModeListsWhatEndedAndWhatAppearedBetweenTwoDates()
    {
        var map = await browser.OpenMapAsync("/#date=2019-06-01");
        await map.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Compare two dates" }).CheckAsync();
        await map.Page.Locator("#compare-from").FillAsync("2019-06-01");
        await map.Page.Locator("#compare-from").DispatchEventAsync("change");
        await map.Page.Locator("#compare-to").FillAsync("2020-06-01");
        await map.Page.Locator("#compare-to").DispatchEventAsync("change");
        await map.WaitForViewAsync("compare:2019-06-01,2020-06-01");

        var ended = await map.Page.Locator(".changes-ended").InnerTextAsync();
        var appeared = await map.Page.Locator(".changes-appeared").InnerTextAsync();
        Assert.Contains("US base at Ain Issa", ended);
        Assert.Contains("Russian military police post at Ain Issa", appeared);
        Assert.DoesNotContain("Ain Issa", await map.Page.Locator(".changes-between").InnerTextAsync());
        // Both dates are drawn, each change in its own style.
        Assert.True(await map.Page.Locator(".leaflet-marker-icon.change-ended").CountAsync() > 0);
        Assert.True(await map.Page.Locator(".leaflet-marker-icon.change-appeared").CountAsync() > 0);
        Assert.Contains("compare=2019-06-01,2020-06-01", map.Page.Url);
        await map.ScreenshotAsync("compare");
        await map.CloseAsync();
    }

    [Fact]
    public async Task AnEncounterBetweenTheDatesIsListedAsComingAndGoing()
    {
        var map = await browser.OpenMapAsync("/#compare=2020-08-01,2020-09-01");
        Assert.Contains("US–Russian vehicle collision", await map.Page.Locator(".changes-between").InnerTextAsync());
        await map.CloseAsync();
    }
}
