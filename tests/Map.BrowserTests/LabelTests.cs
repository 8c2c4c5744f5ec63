using System.Globalization;

namespace Map.BrowserTests;

/// <summary>Place names are laid out so that none overlaps another, whatever the zoom.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LabelTests(BrowserFixture browser)
{
    private sealed record Box(string Text, double X, double Y, double Width, double Height)
    {
        public bool Overlaps(Box o) => X < o.X + o.Width && o.X < X + Width && Y < o.Y + o.Height && o.Y < Y + Height;
    }

    [Theory]
    [InlineData(7, null)]
    [InlineData(9, null)]
    [InlineData(11, null)]
    // The default centre at zoom 11 is open country; around Qamishli, Nusaybin and the airport names crowd.
    [InlineData(11, "37.0500,41.2300")]
    public async Task NoTwoTownLabelsOverlapInTheDefaultView(int zoom, string? centre)
    {
        if (centre is null)
        {
            var first = await browser.OpenMapAsync("/");
            var (lat, lng, _) = await first.ViewAsync();
            centre = string.Create(CultureInfo.InvariantCulture, $"{lat:F4},{lng:F4}");
            await first.CloseAsync();
        }

        var map = await browser.OpenMapAsync($"/#z={zoom}&c={centre}");
        // The layout runs in the frame after the last move: wait for two frames.
        await map.Page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var boxes = await map.Page.EvaluateAsync<double[][]>("""
            () => [...document.querySelectorAll('.map-label.town:not([hidden])')].map(el => {
              const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })
            """);
        var texts = await map.Page.Locator(".map-label.town:not([hidden])").AllInnerTextsAsync();
        var labels = boxes.Select((b, i) => new Box(texts[i], b[0], b[1], b[2], b[3])).ToList();
        Assert.True(labels.Count >= (zoom == 11 ? 0 : 5), $"only {labels.Count} town labels at zoom {zoom}");
        var overlapping = labels.SelectMany((a, i) => labels.Skip(i + 1).Where(a.Overlaps).Select(b => $"{a.Text} / {b.Text}")).ToList();
        Assert.True(overlapping.Count == 0, string.Join("; ", overlapping));
        await map.ScreenshotAsync($"labels-z{zoom}" + (centre.StartsWith("37.05", StringComparison.Ordinal) ? "-qamishli" : ""));
        await map.CloseAsync();
    }

    [Fact]
    public async Task LabelsSitAboveZoneFillsAndBelowSymbols()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var z = await map.Page.EvaluateAsync<int[]>("""
            () => ['overlayPane', 'labels', 'markerPane'].map(p => Number(getComputedStyle(window.presenceMap.getPane(p)).zIndex))
            """);
        Assert.True(z[0] < z[1] && z[1] < z[2], string.Join(",", z));
        Assert.Contains("SYRIA", (await map.Page.Locator(".map-label.country:not([hidden])").AllInnerTextsAsync()).Select(t => t.ToUpperInvariant()));
        await map.CloseAsync();
    }
}
