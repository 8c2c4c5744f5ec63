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

    [Fact]
    public async Task TheAsRecordedOnDateIsPartOfThePermalinkAndOfBackAndForward()
    {
        const string Feature = "russia-hmeimim-air-base";
        // The fixture's database was seeded when the tests started: as recorded a year before, it held no record at all.
        var yearAgo = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(-1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        Assert.True(await map.IsDrawnAsync(Feature), $"{Feature} is not drawn as recorded now");

        await map.ChooseRecordedOnAsync(yearAgo);
        Assert.Contains($"recorded={yearAgo}", new Uri(map.Page.Url).Fragment, StringComparison.Ordinal);
        Assert.Contains(map.RequestedUrls, url => url.Contains($"recorded-at={yearAgo}", StringComparison.Ordinal));
        Assert.False(await map.IsDrawnAsync(Feature), $"{Feature} is drawn as recorded on {yearAgo}");

        var link = new Uri(map.Page.Url);
        var second = await browser.OpenMapAsync(link.PathAndQuery + link.Fragment);
        Assert.Equal(yearAgo, await second.Page.Locator("#recorded-on").InputValueAsync());
        Assert.Contains(second.RequestedUrls, url => url.Contains($"recorded-at={yearAgo}", StringComparison.Ordinal));
        Assert.False(await second.IsDrawnAsync(Feature), $"{Feature} is drawn in the linked page as recorded on {yearAgo}");
        Assert.Empty(second.ConsoleErrors);
        await second.CloseAsync();

        await map.Page.GoBackAsync();
        await map.WaitUntilAsync("() => document.querySelector('#recorded-on').value === '' && document.body.dataset.view === '2020-08-25'");
        Assert.True(await map.IsDrawnAsync(Feature), $"{Feature} is not drawn after going back to now");
        await map.Page.GoForwardAsync();
        await map.WaitUntilAsync("day => document.querySelector('#recorded-on').value === day && document.body.dataset.view === '2020-08-25'", yearAgo);
        Assert.False(await map.IsDrawnAsync(Feature), $"{Feature} is drawn after going forward to {yearAgo}");
        Assert.Empty(map.ConsoleErrors);
        await map.CloseAsync();
    }
}
