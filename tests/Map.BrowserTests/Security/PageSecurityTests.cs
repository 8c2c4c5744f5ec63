using System.Text;
using Microsoft.Playwright;

namespace Map.BrowserTests.Security;

/// <summary>
/// Markup in the data shows as text wherever the map page or an HTML view writes it, and the pages run under their
/// Content-Security-Policy without a single violation: nothing from the data ever becomes an element or a script.
/// </summary>
public sealed class PageSecurityTests(HostileDataFixture hostile) : IClassFixture<HostileDataFixture>
{
    private const string InjectedImage = "img[src='x']";

    [Fact]
    public async Task MarkupInTheDataIsTextEverywhereTheMapShowsIt()
    {
        var map = await hostile.OpenAsync("/#z=8&c=36.5,40.5");
        Assert.Equal("true", await map.Page.EvaluateAsync<string>("() => document.body.dataset.ready"));

        // The layer panel (layer title, actor name), the legend (actor name), the text list (feature name), the region picker.
        Assert.Contains(HostileDataFixture.Markup + " Bases", await map.Page.Locator("#layer-panel").InnerTextAsync());
        Assert.Contains(HostileDataFixture.Markup + " Alpha", await map.Page.Locator("#legend-panel").InnerTextAsync());
        await map.Page.Locator("#text-list summary").ClickAsync();
        Assert.Contains(HostileDataFixture.Markup, await map.Page.Locator("#text-list").InnerTextAsync());
        Assert.Contains(HostileDataFixture.Markup + " Northeast", await map.Page.Locator("#region-select").InnerTextAsync());
        // The town's label on the basemap (labels.js places them; an unplaced one is hidden, its text is still there).
        var labels = await map.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.map-label')].map(l => l.textContent)");
        Assert.Contains(HostileDataFixture.Markup + " Town", labels);

        // The details panel: both names, the notes, the source (as text: its javascript: URL is no link).
        await map.ClickFeatureAsync("always");
        var details = await map.Details.InnerTextAsync();
        Assert.Contains(HostileDataFixture.Markup + " notes", details);
        Assert.Contains(HostileDataFixture.Markup + " source", details);
        Assert.Equal(HostileDataFixture.Markup, await map.Page.Locator("#details-title").InnerTextAsync());
        Assert.Equal(0, await map.Page.Locator("#details a[href^='javascript']").CountAsync());

        // Search results.
        await map.Page.Locator("#search-input").FillAsync("img src");
        await map.Page.Locator("#search-results li").First.WaitForAsync();
        Assert.Contains(HostileDataFixture.Markup, await map.Page.Locator("#search-results").InnerTextAsync());

        await AssertNothingRanAsync(map);
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheMapPageLoadsUnderItsContentSecurityPolicyWithoutAViolation()
    {
        var map = await hostile.OpenAsync("/#z=8&c=36.5,40.5");
        var response = await map.Page.ReloadAsync();
        await map.WaitUntilAsync("() => document.body.dataset.ready === 'true'");
        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self' 'sha256-", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", await response.HeaderValueAsync("x-content-type-options"));

        // Drawing, the legend's swatches, details and the PNG export all work without a style attribute or inline script.
        await map.ClickFeatureAsync("formula");
        Assert.NotEqual("", await map.Page.EvaluateAsync<string>("() => document.querySelector('#legend-panel .swatch circle').getAttribute('fill')"));
        await map.Page.RunAndWaitForDownloadAsync(() => map.Page.GetByRole(AriaRole.Button, new() { Name = "Image (PNG) with legend" }).ClickAsync());
        await AssertNothingRanAsync(map);
        await map.CloseAsync();
    }

    [Fact]
    public async Task CsvCellsThatASpreadsheetWouldReadAsFormulasAreNeutralised()
    {
        var map = await hostile.OpenAsync("/#z=8&c=36.5,40.5");
        var download = await map.Page.RunAndWaitForDownloadAsync(() =>
            map.Page.GetByRole(AriaRole.Button, new() { Name = "CSV of the view" }).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var row = (await reader.ReadToEndAsync()).Split("\r\n").Single(l => l.StartsWith("formula,", StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", row, StringComparison.Ordinal);
        Assert.Contains(",'+1,", row, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(1+1)", row, StringComparison.Ordinal);
        Assert.Contains(",40.8,36.6,", row, StringComparison.Ordinal);
        await map.CloseAsync();
    }

    [Theory]
    [InlineData("/collections?f=html")]
    [InlineData("/collections/bases?f=html")]
    [InlineData("/collections/bases/items?f=html")]
    [InlineData("/collections/bases/items/always?f=html")]
    [InlineData("/collections/bases/queryables?f=html")]
    [InlineData("/?f=html")]
    [InlineData("/api/reference")]
    public async Task TheHtmlViewsShowMarkupAsTextAndRunUnderThePolicy(string path)
    {
        var page = await hostile.OpenAsync(path, waitForMap: false);
        if (await page.Page.Locator("#resource-map").CountAsync() > 0)
            await page.WaitUntilAsync("() => document.getElementById('resource-map').dataset.ready === 'true'");
        else if (await page.Page.Locator("#map").CountAsync() > 0)
            // The map page keeps its change feed (Server-Sent Events) open, so the network never goes idle.
            await page.WaitUntilAsync("() => document.body.dataset.ready === 'true'");
        else
            await page.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (path.Contains("bases", StringComparison.Ordinal) && !path.Contains("queryables", StringComparison.Ordinal))
            Assert.Contains(HostileDataFixture.Markup, await page.Page.Locator("main").InnerTextAsync());
        if (path.Contains("/items", StringComparison.Ordinal))
            Assert.True(await page.Page.Locator("#resource-map .leaflet-interactive").CountAsync() > 0, "the features are drawn on the small map");
        await AssertNothingRanAsync(page);
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheItemsTableLinksToEachFeaturesPage()
    {
        var page = await hostile.OpenAsync("/collections/bases/items?f=html", waitForMap: false);
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "formula", Exact = true }).ClickAsync();
        await page.Page.WaitForURLAsync("**/collections/bases/items/formula?f=html");
        Assert.Contains(HostileDataFixture.Formula, await page.Page.Locator("table.properties").InnerTextAsync());
        await page.CloseAsync();
    }

    private static async Task AssertNothingRanAsync(MapPage page)
    {
        Assert.Equal(0, await page.Page.Locator(InjectedImage).CountAsync());
        Assert.Null(await page.Page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.DoesNotContain(page.RequestedUrls, url => new Uri(url).AbsolutePath == "/x");
        Assert.Empty(await HostileDataFixture.ViolationsAsync(page));
        Assert.Empty(page.ConsoleErrors);
    }
}
