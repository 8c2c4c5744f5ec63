using System.Globalization;

namespace Map.BrowserTests;

/// <summary>Records at one place are a stack with a count; a click spreads it out and each record can be clicked.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StackingTests(BrowserFixture browser)
{
    [Fact]
    public async Task EveryRecordAtTalTamrIsReachableByClickFromAStackShowingTheirCount()
    {
        // 10 March 2020 with the events of the 90 days before: the Syrian army's and Russia's posts and five
        // US–Russian encounters at Tal Tamr's entrances, on the same few pixels at zoom 9.
        var map = await browser.OpenMapAsync("/#date=2020-03-10&ev=90&z=9&c=36.655,40.37");
        await map.WaitForViewAsync("2020-03-10");
        var stack = map.Page.Locator(".symbol-stack").Filter(new() { Has = map.Page.Locator(".stack-count") });
        // The stack nearest the centre of the map (Tal Tamr).
        var index = await map.Page.EvaluateAsync<int>("""
            () => { const m = document.getElementById('map').getBoundingClientRect();
              const cx = m.left + m.width / 2, cy = m.top + m.height / 2;
              const stacks = [...document.querySelectorAll('.symbol-stack')];
              const d = el => { const r = el.getBoundingClientRect(); return Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy); };
              return stacks.indexOf(stacks.reduce((a, b) => d(a) <= d(b) ? a : b)); }
            """);
        var talTamr = map.Page.Locator(".symbol-stack").Nth(index);
        var count = int.Parse(await talTamr.Locator(".stack-count").InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.True(count >= 5, $"the Tal Tamr stack shows {count}");
        Assert.True(await stack.CountAsync() >= 1);
        await map.ScreenshotAsync("stack-closed");

        await talTamr.ClickAsync();
        var spread = map.Page.Locator(".leaflet-marker-icon.symbol[data-feature]:not(.symbol-stack)");
        await map.WaitUntilAsync("n => document.querySelectorAll('.leaflet-marker-icon.symbol[data-feature]').length >= n", count);
        await map.ScreenshotAsync("stack-open");
        var ids = await map.Page.EvaluateAsync<string[]>("""
            () => { const m = document.getElementById('map').getBoundingClientRect();
              return [...document.querySelectorAll('.leaflet-marker-icon.symbol[data-feature]')]
                .filter(el => { const r = el.getBoundingClientRect(); return Math.hypot(r.left - m.left - m.width / 2, r.top - m.top - m.height / 2) < 140; })
                .map(el => el.dataset.feature); }
            """);
        Assert.Contains("russia-tal-tamr-observation-point", ids);
        Assert.Contains("enc-2020-03-09-tal-tamr-roundabout", ids);

        var opened = new List<string>();
        foreach (var id in ids)
        {
            await map.Page.Locator($".leaflet-marker-icon[data-feature='{id}']").ClickAsync();
            await map.Page.Locator($"#details[data-feature='{id}']").WaitForAsync();
            opened.Add(id);
        }
        Assert.Equal(ids.Length, opened.Distinct().Count());
        Assert.True(opened.Count >= count, $"{opened.Count} of {count} records opened");
        Assert.True(await spread.CountAsync() >= count);
        await map.ScreenshotAsync("stack-details");
        Assert.Empty(map.ConsoleErrors);
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheSiteHistoryShowsTheHoldersOfQamishliAirportInOrder()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25&sel=russia-qamishli-airport");
        var history = map.Details.Locator(".site-history li");
        await history.First.WaitForAsync();
        var names = await history.Locator("button").AllInnerTextsAsync();
        Assert.True(names.Count >= 2, string.Join(" | ", names));
        Assert.Equal("true", await map.Details.Locator(".site-history li.current").GetAttributeAsync("aria-current"));
        Assert.Equal(1, await map.Details.Locator(".site-history li.current .history-bar").CountAsync());
        await map.ScreenshotAsync("site-history");
        await map.CloseAsync();
    }
}
