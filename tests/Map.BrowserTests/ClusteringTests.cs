using System.Globalization;

namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ClusteringTests(BrowserFixture browser)
{
    private static string DenseView(double zoom) => string.Create(CultureInfo.InvariantCulture,
        $"/#date={BrowserFixture.DenseYear}-06-01&z={zoom}&c={BrowserFixture.DenseCorner.Lat + 0.2},{BrowserFixture.DenseCorner.Lon + 0.4}");

    [Fact]
    public async Task ADensePointLayerIsDrawnAsClustersThatCountEveryPoint()
    {
        // The whole 100 × 50 grid lies in this view.
        var map = await browser.OpenMapAsync(DenseView(9));
        await map.WaitForViewAsync($"{BrowserFixture.DenseYear}-06-01");
        var clusters = map.Page.Locator(".leaflet-marker-pane .marker-cluster");
        await clusters.First.WaitForAsync();
        var singles = map.Page.Locator(".leaflet-marker-pane .leaflet-marker-icon.symbol[title^='Dense point ']");

        // Clusters are added in chunks: read until every point is accounted for, or give up after 10 s.
        int[] counts = [];
        var single = 0;
        for (var wait = 0; wait < 50 && counts.Sum() + single != BrowserFixture.DensePointCount; wait++)
        {
            if (wait > 0) await Task.Delay(200);
            counts = (await clusters.Locator("span").AllInnerTextsAsync()).Select(int.Parse).ToArray();
            single = await singles.CountAsync();
        }

        // Each cluster icon shows how many points it stands for; with the points drawn alone they make the whole layer.
        Assert.Equal(BrowserFixture.DensePointCount, counts.Sum() + single);
        Assert.InRange(counts.Length, 2, 200);
        Assert.All(counts, count => Assert.True(count >= 2, $"a cluster of {count}"));
        Assert.True(single < BrowserFixture.DensePointCount / 10, $"{single} points drawn alone");
        Assert.True(await clusters.First.IsVisibleAsync());
        Assert.True(await map.Page.GetByRole(Microsoft.Playwright.AriaRole.Checkbox, new() { Name = "Dense test points" }).IsCheckedAsync());
        Assert.Empty(map.ConsoleErrors);
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheRealDatasetIsNotClusteredAndTheDenseLayerIsNotListedOutsideItsYear()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        Assert.True(await map.Symbols.CountAsync() >= 20, "the real dataset's symbols are not drawn one by one");
        Assert.Equal(0, await map.Page.Locator(".marker-cluster").CountAsync());
        Assert.Equal(0, await map.Page.Locator($"fieldset[data-layer='{BrowserFixture.DenseLayerId}']").CountAsync());
        await map.CloseAsync();
    }
}
