using Microsoft.Playwright;

namespace Map.BrowserTests;

/// <summary>The map page with the records the tests read: console errors and every requested URL.</summary>
public sealed class MapPage
{
    public IPage Page { get; }
    public Uri BaseAddress { get; }
    public List<string> ConsoleErrors { get; } = [];
    public List<string> RequestedUrls { get; } = [];

    public MapPage(IPage page, Uri baseAddress)
    {
        Page = page;
        BaseAddress = baseAddress;
        page.Console += (_, message) => { if (message.Type == "error") ConsoleErrors.Add(message.Text); };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
        page.Request += (_, request) => RequestedUrls.Add(request.Url);
    }

    public async Task GotoAsync(string pathAndQuery)
    {
        await Page.GotoAsync(new Uri(BaseAddress, pathAndQuery).ToString());
        await WaitUntilAsync("() => document.body.dataset.ready === 'true' || document.body.dataset.ready === 'error'");
    }

    /// <summary>
    /// Waits until a JavaScript function returns true. It polls with evaluate, which the DevTools protocol runs
    /// outside the page's Content-Security-Policy: WaitForFunctionAsync compiles its predicate with eval, which the
    /// policy (rightly) refuses.
    /// </summary>
    public async Task WaitUntilAsync(string predicate, object? arg = null, int timeoutMilliseconds = 30_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (true)
        {
            try
            {
                if (await Page.EvaluateAsync<bool>(predicate, arg)) return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // A navigation replaced the page's context while it was evaluated: try again in the new one.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeoutMilliseconds} ms waiting for {predicate}");
            await Task.Delay(50);
        }
    }

    public IEnumerable<string> RequestsLeavingLocalhost =>
        RequestedUrls.Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal)
            && new Uri(url).Host is not ("127.0.0.1" or "localhost"));

    /// <summary>Ids of the presence features drawn on the map right now, from Leaflet's own layers.</summary>
    public async Task<string[]> DrawnFeatureIdsAsync() =>
        await Page.EvaluateAsync<string[]>(
            "() => { const ids = []; window.presenceMap.eachLayer(l => { " +
            "if (l.feature && l.feature.properties && l.feature.properties.layer && !l.feature.properties.layer.startsWith('basemap-')) " +
            "ids.push(l.feature.id); }); return ids; }");

    /// <summary>Waits until the features drawn are those of a date ("2020-08-25") or a compare pair ("compare:a,b").</summary>
    public async Task WaitForViewAsync(string view) =>
        await WaitUntilAsync("view => document.body.dataset.view === view", view);

    /// <summary>Sets the "as of" date through the date field, as a user typing it would, and waits for the map.</summary>
    public async Task ChooseDateAsync(string isoDate)
    {
        await Page.Locator("#date-input").FillAsync(isoDate);
        await Page.Locator("#date-input").DispatchEventAsync("change");
        await WaitForViewAsync(isoDate);
    }

    /// <summary>Opens a feature's details the way a click on its symbol does.</summary>
    public async Task ClickFeatureAsync(string featureId)
    {
        await Page.EvaluateAsync(
            "id => { window.presenceMap.eachLayer(l => { if (l.feature && l.feature.id === id) l.fire('click'); }); }", featureId);
        await Page.Locator($"#details[data-feature='{featureId}']").WaitForAsync();
    }

    public async Task<(double Lat, double Lng, double Zoom)> ViewAsync()
    {
        var v = await Page.EvaluateAsync<double[]>("() => { const c = window.presenceMap.getCenter(); return [c.lat, c.lng, window.presenceMap.getZoom()]; }");
        return (v[0], v[1], v[2]);
    }

    public ILocator Details => Page.Locator("#details");

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png") });

    public async Task CloseAsync() => await Page.Context.CloseAsync();
}
