using Microsoft.Playwright;

namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class TimeControlTests(BrowserFixture browser)
{
    [Fact]
    public async Task MovingTheDatePastAFeaturesEndHidesItAndShowsItsSuccessor()
    {
        // US base at Ain Issa: 2018-12-20 – 2019-10-31; the Russian post there from 2019-12-03.
        var map = await browser.OpenMapAsync("/#date=2019-06-01");
        Assert.True(await map.IsDrawnAsync("us-ain-issa"), "us-ain-issa is not drawn");
        Assert.False(await map.IsDrawnAsync("russia-ain-issa"), "russia-ain-issa is drawn");

        await map.ChooseDateAsync("2020-06-01");

        Assert.False(await map.IsDrawnAsync("us-ain-issa"));
        Assert.True(await map.IsDrawnAsync("russia-ain-issa"));
        Assert.Contains("date=2020-06-01", map.Page.Url);
        Assert.Empty(map.ConsoleErrors);
        await map.CloseAsync();
    }

    [Fact]
    public async Task StepButtonsMoveTheDateByTheChosenUnit()
    {
        var map = await browser.OpenMapAsync("/#date=2019-06-01");
        await map.Page.Locator(".step-unit").SelectOptionAsync("year");
        await map.Page.GetByRole(AriaRole.Button, new() { Name = "Step forward" }).ClickAsync();
        await map.WaitForViewAsync("2020-06-01");
        Assert.Equal("2020-06-01", await map.Page.Locator("#date-input").InputValueAsync());
        await map.Page.GetByRole(AriaRole.Button, new() { Name = "Step back" }).ClickAsync();
        await map.WaitForViewAsync("2019-06-01");
        await map.CloseAsync();
    }

    [Fact]
    public async Task PlayAdvancesTheDateUntilPaused()
    {
        var map = await browser.OpenMapAsync("/#date=2019-06-01");
        await map.Page.GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();
        await map.WaitForViewAsync("2019-07-01");
        await map.Page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await map.Page.GetByRole(AriaRole.Button, new() { Name = "Play" }).WaitForAsync();

        // Playing steps a month every 0.7 s or so: after Pause the date stays where it stopped.
        var paused = await map.Page.Locator("#date-input").InputValueAsync();
        Assert.True(string.CompareOrdinal(paused, "2019-07-01") >= 0, paused);
        await map.WaitForViewAsync(paused);
        await Task.Delay(2000);
        Assert.Equal(paused, await map.Page.Locator("#date-input").InputValueAsync());
        Assert.Equal(paused, await map.Page.EvaluateAsync<string>("document.body.dataset.view"));
        Assert.Contains($"date={paused}", map.Page.Url);
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheSliderSpansTheWholeTimeRangeOfTheData()
    {
        var map = await browser.OpenMapAsync("/#date=2019-06-01");
        // The oldest record is the Israeli-held Golan of the control layer, from the Disengagement Agreement of 31 May 1974
        // (control-israel-1974-05-31); Tartus, the oldest before, is now dated 1977. The dense test layer lies inside the range.
        Assert.Equal("1974-05-31", await map.Page.Locator("#date-input").GetAttributeAsync("min"));
        await map.CloseAsync();
    }
}
