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
}
