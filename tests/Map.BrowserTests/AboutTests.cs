using Microsoft.Playwright;

namespace Map.BrowserTests;

/// <summary>The About panel says what the map is, its method, sources and licence, how new the data is and how to cite.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AboutTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheAboutPanelExplainsTheMapInEnglish()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        await map.Page.GetByRole(AriaRole.Button, new() { Name = "About" }).ClickAsync();
        var dialog = map.Page.GetByRole(AriaRole.Dialog, new() { Name = "About this map" });
        await dialog.WaitForAsync();
        var text = await dialog.InnerTextAsync();
        foreach (var part in new[] { "Method", "Sources", "Licence", "CC BY 4.0", "Data as of 20", "Cite this view", "2020-08-25" })
            Assert.Contains(part, text);
        Assert.Contains("#", await dialog.Locator("#citation").InnerTextAsync());
        await map.ScreenshotAsync("about");
        await map.Page.Keyboard.PressAsync("Escape");
        Assert.False(await dialog.IsVisibleAsync());
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheAboutPanelExplainsTheMapInArabic()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25&lang=ar");
        await map.Page.GetByRole(AriaRole.Button, new() { Name = "حول الخريطة" }).ClickAsync();
        var dialog = map.Page.GetByRole(AriaRole.Dialog, new() { Name = "حول هذه الخريطة" });
        await dialog.WaitForAsync();
        var text = await dialog.InnerTextAsync();
        foreach (var part in new[] { "المنهجية", "المصادر", "الرخصة", "CC BY 4.0", "البيانات حتى", "الاستشهاد بهذا العرض" })
            Assert.Contains(part, text);
        await map.ScreenshotAsync("about-arabic");
        await map.CloseAsync();
    }
}
