using Microsoft.Playwright;

namespace Map.BrowserTests;

/// <summary>The map page with the records the tests read: console errors and every requested URL.</summary>
public sealed class MapPage
{
    public IPage Page { get; }
    public Uri BaseAddress { get; }
    public List<string> ConsoleErrors { get; } = [];
    public List<string> RequestedUrls { get; } = [];

    private readonly BrowserFixture fixture;

    public MapPage(IPage page, Uri baseAddress, BrowserFixture fixture)
    {
        Page = page;
        BaseAddress = baseAddress;
        this.fixture = fixture;
        page.Console += (_, message) => { if (message.Type == "error") ConsoleErrors.Add(message.Text); };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
        page.Request += (_, request) => RequestedUrls.Add(request.Url);
    }

    public async Task GotoAsync(string pathAndQuery)
    {
        await Page.GotoAsync(new Uri(BaseAddress, pathAndQuery).ToString());
        await Page.WaitForFunctionAsync("document.body.dataset.ready === 'true' || document.body.dataset.ready === 'error'");
        // A page that failed to start is a failed test, with the page's own error, not a page to test.
        var ready = await Page.EvaluateAsync<string>("document.body.dataset.ready");
        if (ready != "true") Assert.Fail($"The page did not start ({ready}): {string.Join(" | ", ConsoleErrors)}");
    }

    public IEnumerable<string> RequestsLeavingLocalhost =>
        RequestedUrls.Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal)
            && new Uri(url).Host is not ("127.0.0.1" or "localhost"));

    /// <summary>The point symbols drawn in the map's marker pane (divIcons whose title is the feature's name).</summary>
    public ILocator Symbols => Page.Locator(".leaflet-marker-pane .leaflet-marker-icon.symbol");

    /// <summary>The symbol of one feature, found by its name as the user sees it in the tooltip.</summary>
    public async Task<ILocator> SymbolOfAsync(string featureId) =>
        Page.Locator($".leaflet-marker-pane .leaflet-marker-icon.symbol[title=\"{await NameOfAsync(featureId)}\"]");

    private async Task<string> NameOfAsync(string featureId) =>
        await fixture.NameOfAsync(featureId, await Page.EvaluateAsync<string>("document.documentElement.lang"));

    /// <summary>Names of the point symbols drawn right now, read from the DOM.</summary>
    public async Task<string[]> DrawnNamesAsync() =>
        await Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon.symbol')].map(icon => icon.title)");

    /// <summary>Whether a feature's symbol is drawn right now (by the name the API gives it).</summary>
    public async Task<bool> IsDrawnAsync(string featureId)
    {
        var name = await NameOfAsync(featureId);
        return (await DrawnNamesAsync()).Contains(name, StringComparer.Ordinal);
    }

    /// <summary>
    /// Everything drawn for the presence layers, as the DOM and SVG hold it: one entry per symbol (name, shape, fill,
    /// outline) and per vector path in the overlay pane (stroke, fill, dashes), sorted.
    /// </summary>
    public async Task<string[]> DrawingAsync() =>
        (await Page.EvaluateAsync<string[]>("""
            () => [
              ...[...document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon.symbol')].map(icon => {
                const p = icon.querySelector('svg path');
                return ['symbol', icon.title, p.getAttribute('d'), p.getAttribute('fill'), p.getAttribute('stroke'),
                  p.getAttribute('stroke-dasharray')].join('|');
              }),
              ...[...document.querySelectorAll('.leaflet-overlay-pane svg path')].map(p =>
                ['path', p.getAttribute('stroke'), p.getAttribute('fill'), p.getAttribute('stroke-dasharray')].join('|')),
            ]
            """)).Order().ToArray();

    /// <summary>Waits until the features drawn are those of a date ("2020-08-25") or a compare pair ("compare:a,b").</summary>
    public async Task WaitForViewAsync(string view) =>
        await Page.WaitForFunctionAsync("view => document.body.dataset.view === view", view);

    /// <summary>Sets the "as of" date through the date field, as a user typing it would, and waits for the map.</summary>
    public async Task ChooseDateAsync(string isoDate)
    {
        await Page.Locator("#date-input").FillAsync(isoDate);
        await Page.Locator("#date-input").DispatchEventAsync("change");
        await WaitForViewAsync(isoDate);
    }

    /// <summary>Clicks a feature's symbol with the mouse, where it is drawn, and waits for its details.</summary>
    public async Task ClickFeatureAsync(string featureId)
    {
        await (await SymbolOfAsync(featureId)).ClickAsync(new() { Timeout = 5000 });
        await Page.Locator($"#details[data-feature='{featureId}']").WaitForAsync();
    }

    /// <summary>
    /// Unticks one force in one layer in the sidebar, as a user does to uncover a symbol drawn under another at the same
    /// site (the map offers no other way to click the lower one).
    /// </summary>
    public async Task HideForceAsync(string layer, string actor) =>
        await Page.Locator($"input[data-layer='{layer}'][data-actor='{actor}']").UncheckAsync();

    /// <summary>Opens a feature's details from the text list of what is on the map (the keyboard and screen-reader way).</summary>
    public async Task OpenFromTextListAsync(string featureId)
    {
        await Page.Locator("#text-list summary").ClickAsync();
        await Page.Locator($"#text-list button[data-select='{featureId}']").ClickAsync();
        await Page.Locator($"#details[data-feature='{featureId}']").WaitForAsync();
    }

    /// <summary>The map's view as [west, south, east, north], from Leaflet's public getBounds().</summary>
    public async Task<double[]> ViewBoundsAsync() =>
        await Page.EvaluateAsync<double[]>(
            "() => { const b = window.presenceMap.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }");

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
