using Microsoft.Playwright;

namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task OnAPhoneTheMapTakesTheWidthAndThePanelsOpenOnDemand()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25", width: 390, height: 844);
        var mapBox = (await map.Page.Locator("#map").BoundingBoxAsync())!;
        Assert.Equal(390, mapBox.Width, 0);
        Assert.False(await map.Page.Locator("#sidebar").IsVisibleAsync());
        Assert.Equal(390, await map.Page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        await map.ScreenshotAsync("phone");

        await map.Page.GetByRole(AriaRole.Button, new() { Name = "Layers and legend" }).ClickAsync();
        Assert.True(await map.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Bases and outposts" }).IsVisibleAsync());
        await map.ScreenshotAsync("phone-layers");
        await map.CloseAsync();
    }

    [Fact]
    public async Task OnAPhoneTheHeaderIsCompactAndTheRegionPickerKeepsTheRegionJustChosen()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25", width: 390, height: 844);
        var header = (await map.Page.Locator(".app-header").BoundingBoxAsync())!;
        var timeBar = (await map.Page.Locator("#time-bar").BoundingBoxAsync())!;
        Assert.True(header.Height + timeBar.Height <= 130, $"header {header.Height} px + date bar {timeBar.Height} px");
        Assert.True(await map.Page.Locator("#search-input").IsVisibleAsync());

        await map.Page.Locator("#region-select").SelectOptionAsync("al-tanf");
        await map.Page.WaitForTimeoutAsync(300);
        Assert.Equal("al-tanf", await map.Page.Locator("#region-select").InputValueAsync());
        await map.ScreenshotAsync("phone-region");
        await map.CloseAsync();
    }
}

