using System.Globalization;

namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ClusteringTests(BrowserFixture browser)
{
    private static string DenseView(double zoom) => string.Create(CultureInfo.InvariantCulture,
        $"/#date={BrowserFixture.DenseYear}-06-01&z={zoom}&c={BrowserFixture.DenseCorner.Lat + 0.2},{BrowserFixture.DenseCorner.Lon + 0.4}");

    [Fact]
    public async Task ADensePointLayerIsDrawnAsClusters()
    {
        var map = await browser.OpenMapAsync(DenseView(9));
        await map.WaitForViewAsync($"{BrowserFixture.DenseYear}-06-01");
        var clusters = map.Page.Locator(".marker-cluster");
        await clusters.First.WaitForAsync();
        Assert.InRange(await clusters.CountAsync(), 1, 200);
        // Far fewer single symbols than points are on the page: the rest are inside clusters.
        Assert.True(await map.Page.Locator(".leaflet-marker-icon.symbol").CountAsync() < BrowserFixture.DensePointCount / 10);
        var clustered = await map.Page.EvaluateAsync<int>(
            "() => { let n = 0; window.presenceMap.eachLayer(l => { if (l instanceof window.L.MarkerClusterGroup) " +
            "n += l.getLayers().filter(m => m.feature.properties.layer === 'dense-test').length; }); return n; }");
        Assert.Equal(BrowserFixture.DensePointCount, clustered);
        Assert.True(await map.Page.GetByRole(Microsoft.Playwright.AriaRole.Checkbox, new() { Name = "Dense test points" }).IsCheckedAsync());
        Assert.Empty(map.ConsoleErrors);
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheRealDatasetIsNotClusteredAndTheDenseLayerIsNotListedOutsideItsYear()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        Assert.Equal(0, await map.Page.Locator(".marker-cluster").CountAsync());
        Assert.Equal(0, await map.Page.Locator($"fieldset[data-layer='{BrowserFixture.DenseLayerId}']").CountAsync());
        await map.CloseAsync();
    }
}
