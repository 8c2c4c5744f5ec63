using Microsoft.Playwright;

namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PermalinkTests(BrowserFixture browser)
{
    [Fact]
    public async Task APermalinkRestoresTheSameViewInANewPage()
    {
        var first = await browser.OpenMapAsync("/#date=2020-08-25");
        await first.Page.GetByLabel("Region").SelectOptionAsync(new SelectOptionValue { Label = "Northwestern Syria" });
        await first.ChooseDateAsync("2021-03-15");
        await first.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Zones and lines" }).UncheckAsync();
        await first.Page.Locator("fieldset[data-layer='bases']").GetByRole(AriaRole.Checkbox, new() { Name = "Turkey" }).UncheckAsync();
        await first.ClickFeatureAsync("russia-hmeimim-air-base");
        var link = first.Page.Url;
        var view = await first.ViewAsync();
        var drawn = await first.DrawingAsync();
        await first.CloseAsync();

        var second = await browser.OpenMapAsync(new Uri(link).PathAndQuery + new Uri(link).Fragment);
        var restored = await second.ViewAsync();
        Assert.Equal(view.Zoom, restored.Zoom);
        // The same view: the centre within two screen pixels (the header's height may round differently by a pixel).
        var twoPixels = 2 * 360 / (256 * Math.Pow(2, view.Zoom));
        Assert.InRange(restored.Lat, view.Lat - twoPixels, view.Lat + twoPixels);
        Assert.InRange(restored.Lng, view.Lng - twoPixels, view.Lng + twoPixels);
        Assert.Equal("2021-03-15", await second.Page.Locator("#date-input").InputValueAsync());
        Assert.False(await second.Page.GetByRole(AriaRole.Checkbox, new() { Name = "Zones and lines" }).IsCheckedAsync());
        Assert.False(await second.Page.Locator("fieldset[data-layer='bases']").GetByRole(AriaRole.Checkbox, new() { Name = "Turkey" }).IsCheckedAsync());
        await second.Page.Locator("#details[data-feature='russia-hmeimim-air-base']").WaitForAsync();
        Assert.NotEmpty(drawn);
        Assert.Equal(drawn, await second.DrawingAsync());
        Assert.Empty(second.ConsoleErrors);
        await second.CloseAsync();
    }

    [Fact]
    public async Task BackAndForwardWalkThroughDatesAndSelections()
    {
        var map = await browser.OpenMapAsync("/#date=2019-06-01");
        await map.ChooseDateAsync("2020-06-01");
        await map.OpenFromTextListAsync("russia-ain-issa"); // its symbol lies under the Syrian army's at Ain Issa

        await map.Page.GoBackAsync();
        await map.Details.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        Assert.Equal("2020-06-01", await map.Page.Locator("#date-input").InputValueAsync());

        await map.Page.GoBackAsync();
        await map.WaitForViewAsync("2019-06-01");
        Assert.True(await map.IsDrawnAsync("us-ain-issa"), "us-ain-issa is not drawn");

        await map.Page.GoForwardAsync();
        await map.WaitForViewAsync("2020-06-01");
        Assert.False(await map.IsDrawnAsync("us-ain-issa"), "us-ain-issa is drawn");
        await map.Page.GoForwardAsync();
        await map.Page.Locator("#details[data-feature='russia-ain-issa']").WaitForAsync();
        await map.CloseAsync();
    }
}
