using Microsoft.Playwright;

namespace Map.BrowserTests;

/// <summary>The map page with the records the tests read: console errors and every requested URL.</summary>
public sealed class MapPage
{
    public IPage Page { get; }
    public Uri BaseAddress { get; }
    public List<string> ConsoleErrors { get; } = [];
    public List<string> RequestedUrls { get; } = [];

    private readonly BrowserFixture? fixture;

    /// <param name="fixture">Where feature names are looked up; a page of another fixture (Security/) finds symbols itself.</param>
    public MapPage(IPage page, Uri baseAddress, BrowserFixture? fixture = null)
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
        await WaitUntilAsync("() => document.body.dataset.ready === 'true' || document.body.dataset.ready === 'error'");
        // A page that failed to start is a failed test, with the page's own error, not a page to test.
        var ready = await Page.EvaluateAsync<string>("document.body.dataset.ready");
        if (ready != "true") Assert.Fail($"The page did not start ({ready}): {string.Join(" | ", ConsoleErrors)}");
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

    /// <summary>The point symbols drawn in the map's marker pane (divIcons whose title is the feature's name).</summary>
    public ILocator Symbols => Page.Locator(".leaflet-marker-pane .leaflet-marker-icon.symbol");

    /// <summary>The symbol of one feature drawn alone (not in a closed stack), by the record it names.</summary>
    public ILocator SymbolOf(string featureId) =>
        Page.Locator($".leaflet-marker-pane .leaflet-marker-icon.symbol[data-feature=\"{featureId}\"]:not(.symbol-stack)");

    /// <summary>The symbol of one feature, found by its name as the user sees it in the tooltip.</summary>
    public async Task<ILocator> SymbolOfAsync(string featureId) =>
        Page.Locator($".leaflet-marker-pane .leaflet-marker-icon.symbol[title=\"{await NameOfAsync(featureId)}\"]");

    private async Task<string> NameOfAsync(string featureId) =>
        await (fixture ?? throw new InvalidOperationException("This page has no BrowserFixture to name features"))
            .NameOfAsync(featureId, await Page.EvaluateAsync<string>("document.documentElement.lang"));

    /// <summary>Names of the point symbols on the map right now: drawn alone, or counted in a stack drawn in the DOM.</summary>
    public async Task<string[]> DrawnNamesAsync() =>
        await Page.EvaluateAsync<string[]>("() => " + DrawnMarkers + ".map(m => m.options.title || m.feature.properties.name)");

    /// <summary>Whether a feature is drawn right now: its own symbol, or a stack holding it, is in the page.</summary>
    public async Task<bool> IsDrawnAsync(string featureId) =>
        await Page.EvaluateAsync<bool>("id => " + DrawnMarkers + ".some(m => m.feature.id === id)", featureId);

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

    /// <summary>Every Leaflet layer on the map, and the symbols held in stacks and clusters (drawn as one until spread out).</summary>
    private const string AllLayers =
        "(() => { const all = []; window.presenceMap.eachLayer(l => { all.push(l); " +
        "if (window.L.MarkerClusterGroup && l instanceof window.L.MarkerClusterGroup) all.push(...l.getLayers()); }); return all; })()";

    /// <summary>Ids of the presence features drawn on the map right now (alone or in a stack), from Leaflet's own layers.</summary>
    public async Task<string[]> DrawnFeatureIdsAsync() =>
        await Page.EvaluateAsync<string[]>(
            "() => [...new Set(" + AllLayers + ".filter(l => l.feature && l.feature.properties && l.feature.properties.layer " +
            "&& !l.feature.properties.layer.startsWith('basemap-')).map(l => l.feature.id))]");

    /// <summary>
    /// Point markers of the presence layers whose symbol is in the DOM, alone or as part of a stack (or cluster) icon
    /// that is: what a user sees, counting the records a stack stands for.
    /// </summary>
    private const string DrawnMarkers =
        "(() => { const out = []; window.presenceMap.eachLayer(l => { " +
        "if (window.L.MarkerClusterGroup && l instanceof window.L.MarkerClusterGroup) { for (const m of l.getLayers()) { " +
        "const shown = l.getVisibleParent(m); if (shown && shown.getElement && shown.getElement()) out.push(m); } } " +
        "else if (l instanceof window.L.Marker && l.feature && l.getElement() && !String(l.feature.properties.layer).startsWith('basemap-')) " +
        "out.push(l); }); return [...new Set(out)].filter(m => m.feature && !String(m.feature.properties.layer).startsWith('basemap-')); })()";

    /// <summary>The index among the page's stack icons of the stack holding a feature, or -1 when it is not stacked.</summary>
    private async Task<int> StackIndexOfAsync(string featureId) =>
        await Page.EvaluateAsync<int>(
            "id => { let icon = null; window.presenceMap.eachLayer(l => { if (window.L.MarkerClusterGroup && l instanceof window.L.MarkerClusterGroup) " +
            "for (const m of l.getLayers()) if (m.feature && m.feature.id === id) { const p = l.getVisibleParent(m); " +
            "if (p && p !== m && p.getElement) icon = p.getElement(); } }); " +
            "return icon ? [...document.querySelectorAll('.symbol-stack, .marker-cluster')].indexOf(icon) : -1; }", featureId);

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

    /// <summary>Sets the "as recorded on" date (empty: now) through its field, as a user would, and waits for the map.</summary>
    public async Task ChooseRecordedOnAsync(string isoDate)
    {
        var view = await Page.EvaluateAsync<string>("() => document.body.dataset.view");
        await Page.Locator("#recorded-on").FillAsync(isoDate);
        await Page.Locator("#recorded-on").DispatchEventAsync("change");
        await WaitForViewAsync(view);
    }

    /// <summary>Switches Edit mode on with a key typed into its dialog, and waits for the editor panel.</summary>
    public async Task StartEditingAsync(string key)
    {
        await Page.ClickAsync("#edit-toggle");
        await Page.FillAsync("#editor-key", key);
        await Page.ClickAsync(".key-dialog button[value=ok]");
        await Page.Locator("#editor:not([hidden])").WaitForAsync();
    }

    /// <summary>Fills the provenance every write needs: the new source (URL, date, title) and the comment.</summary>
    public async Task FillProvenanceAsync(string url, string published, string comment)
    {
        await Page.FillAsync("#edit-sourceUrl", url);
        await Page.FillAsync("#edit-sourcePublished", published);
        await Page.FillAsync("#edit-sourceTitle", "Report");
        await Page.FillAsync("#edit-comment", comment);
    }

    /// <summary>The position under a point of the map's container, as Leaflet converts it.</summary>
    public async Task<(double Lat, double Lng)> LatLngAtAsync(double x, double y)
    {
        var at = await Page.EvaluateAsync<double[]>(
            "([x, y]) => { const p = window.presenceMap.containerPointToLatLng([x, y]); return [p.lat, p.lng]; }", new[] { x, y });
        return (at[0], at[1]);
    }

    /// <summary>Clicks a feature's symbol with the mouse, where it is drawn, and waits for its details.</summary>
    public async Task ClickFeatureAsync(string featureId)
    {
        // A record stacked with others at its place is reached as a user reaches it: a click opens the stack first.
        var stack = await StackIndexOfAsync(featureId);
        if (stack >= 0) await Page.Locator(".symbol-stack, .marker-cluster").Nth(stack).ClickAsync(new() { Timeout = 5000 });
        var alone = SymbolOf(featureId);
        if (await alone.CountAsync() > 0) await alone.First.ClickAsync(new() { Timeout = 5000 });
        else await (await SymbolOfAsync(featureId)).ClickAsync(new() { Timeout = 5000 });
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

    /// <summary>
    /// Clicks a record's symbol with the pointer, as a user would: when it sits in a stack, the stack is clicked first
    /// (which spreads it out) and then the symbol itself.
    /// </summary>
    public async Task ClickSymbolAsync(string featureId)
    {
        var symbol = Page.Locator($".leaflet-marker-icon[data-feature='{featureId}']");
        if (!await symbol.IsVisibleAsync())
        {
            await Page.EvaluateAsync("id => { const marker = " + AllLayers + ".find(l => l.feature && l.feature.id === id && l.getLatLng); " +
                "let group = null; window.presenceMap.eachLayer(l => { if (l.getVisibleParent && l.hasLayer(marker)) group = l; }); " +
                "group.getVisibleParent(marker).getElement().setAttribute('data-test-stack', id); }", featureId);
            await Page.Locator($"[data-test-stack='{featureId}']").ClickAsync();
        }
        await symbol.ClickAsync();
        await Page.Locator($"#details[data-feature='{featureId}']").WaitForAsync();
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png") });

    public async Task CloseAsync() => await Page.Context.CloseAsync();
}
