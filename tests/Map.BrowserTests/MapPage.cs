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
        await Page.WaitForFunctionAsync("document.body.dataset.ready === 'true' || document.body.dataset.ready === 'error'");
    }

    public IEnumerable<string> RequestsLeavingLocalhost =>
        RequestedUrls.Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal)
            && new Uri(url).Host is not ("127.0.0.1" or "localhost"));

    /// <summary>Every Leaflet layer on the map, and the symbols held in stacks and clusters (drawn as one until spread out).</summary>
    private const string AllLayers =
        "(() => { const all = []; window.presenceMap.eachLayer(l => { all.push(l); " +
        "if (window.L.MarkerClusterGroup && l instanceof window.L.MarkerClusterGroup) all.push(...l.getLayers()); }); return all; })()";

    /// <summary>Ids of the presence features drawn on the map right now (alone or in a stack), from Leaflet's own layers.</summary>
    public async Task<string[]> DrawnFeatureIdsAsync() =>
        await Page.EvaluateAsync<string[]>(
            "() => [...new Set(" + AllLayers + ".filter(l => l.feature && l.feature.properties && l.feature.properties.layer " +
            "&& !l.feature.properties.layer.startsWith('basemap-')).map(l => l.feature.id))]");

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

    /// <summary>Opens a feature's details the way a click on its symbol does.</summary>
    public async Task ClickFeatureAsync(string featureId)
    {
        await Page.EvaluateAsync("id => { " + AllLayers + ".find(l => l.feature && l.feature.id === id).fire('click'); }", featureId);
        await Page.Locator($"#details[data-feature='{featureId}']").WaitForAsync();
    }

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
