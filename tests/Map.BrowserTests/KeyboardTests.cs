namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture browser)
{
    /// <summary>Presses Tab until the focused element matches the selector; fails if it is never reached.</summary>
    private static async Task TabToAsync(MapPage map, string selector, int maxPresses = 60)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await map.Page.Keyboard.PressAsync("Tab");
            if (await map.Page.EvaluateAsync<bool>("s => document.activeElement && document.activeElement.matches(s)", selector)) return;
        }
        Assert.Fail($"Tab never reached {selector}");
    }

    [Fact]
    public async Task KeyboardAloneReachesTheDateControlAndChangesTheDate()
    {
        var map = await browser.OpenMapAsync("/#date=2019-10-31");
        Assert.True(await map.IsDrawnAsync("us-ain-issa"), "us-ain-issa is not drawn");
        await TabToAsync(map, "#date-slider");
        await map.Page.Keyboard.PressAsync("ArrowRight");
        await map.WaitForViewAsync("2019-11-01");
        Assert.False(await map.IsDrawnAsync("us-ain-issa"), "us-ain-issa is drawn");
        await map.CloseAsync();
    }

    [Fact]
    public async Task KeyboardAloneReachesTheLayerTogglesAndTurnsALayerOff()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        await TabToAsync(map, "input[data-layer='bases']:not([data-actor])");
        await map.Page.Keyboard.PressAsync("Space");
        Assert.False(await map.IsDrawnAsync("russia-qamishli-airport"), "russia-qamishli-airport is drawn");
        // Focus stays on the toggle, so Space turns it back on.
        await map.Page.Keyboard.PressAsync("Space");
        Assert.True(await map.IsDrawnAsync("russia-qamishli-airport"), "russia-qamishli-airport is not drawn");
        await map.CloseAsync();
    }

    [Fact]
    public async Task EveryControlHasAnAccessibleName()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var unnamed = await map.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, button')].filter(el => !el.closest('[hidden]'))
              .filter(el => !(el.getAttribute('aria-label') || el.labels?.length || el.textContent.trim() || el.title))
              .map(el => el.outerHTML.slice(0, 80))
            """);
        Assert.Empty(unnamed);
        await map.CloseAsync();
    }
}
