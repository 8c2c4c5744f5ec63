using Microsoft.Playwright;

namespace Map.Bench.Ui;

public sealed record Measurement(int Features, double LoadMs, double FrameMeanMs, double FrameP95Ms, double FrameMaxMs, int LongFrames,
    double DateChangeMs, double HeapMb, double ScriptsMs, double DataMs);

/// <summary>Opens the map in a fresh context, waits for it, then pans it and records the frame intervals.</summary>
public sealed class PageMeasurements(IBrowser browser, Uri baseAddress, string pathAndFragment)
{
    private const string PanScript = """
        async () => {
          const map = window.presenceMap;
          const frames = [];
          let running = true;
          const tick = t => { frames.push(t); if (running) requestAnimationFrame(tick); };
          requestAnimationFrame(tick);
          const pan = offset => new Promise(resolve => { map.once('moveend', resolve); map.panBy(offset, { animate: true, duration: 0.6 }); });
          for (const offset of [[300, 0], [0, 200], [-300, 0], [0, -200], [200, 150], [-200, -150]]) await pan(offset);
          running = false;
          const intervals = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
          let features = 0;
          map.eachLayer(l => {
            if (l.getLayers && l.feature === undefined && l.getLayers().length && l.getLayers()[0].feature?.properties?.layer
                && !l.getLayers()[0].feature.properties.layer.startsWith('basemap-')) features += l.getLayers().length;
          });
          // A date change: from the change event to the new date's features drawn (the page's data-view).
          const input = document.getElementById('date-input');
          const next = new Date(Date.parse(input.value) + 31 * 86400000).toISOString().slice(0, 10);
          const changed = performance.now();
          input.value = next;
          input.dispatchEvent(new Event('change'));
          while (document.body.dataset.view !== next) await new Promise(resolve => setTimeout(resolve, 5));
          const dateChange = performance.now() - changed;
          // Where the load time goes: the last script (the module graph) and the last API answer before the map was ready.
          const ready = performance.getEntriesByName('map-ready')[0].startTime;
          const resources = performance.getEntriesByType('resource').filter(r => r.startTime < ready);
          const lastEnd = entries => Math.max(0, ...entries.map(r => r.responseEnd));
          return {
            scripts: lastEnd(resources.filter(r => r.name.endsWith('.js'))),
            data: lastEnd(resources.filter(r => r.initiatorType === 'fetch')),
            features,
            dateChange,
            heap: (performance.memory?.usedJSHeapSize ?? 0) / 1048576,
            load: performance.getEntriesByName('map-ready')[0].startTime,
            mean: intervals.reduce((a, b) => a + b, 0) / intervals.length,
            p95: intervals[Math.floor(intervals.length * 0.95)],
            max: intervals.at(-1),
            long: intervals.filter(i => i > 50).length,
          };
        }
        """;

    // Playwright fills results by property name, so this needs a parameterless constructor.
    private sealed class Raw
    {
        public int Features { get; set; }
        public double Load { get; set; }
        public double Mean { get; set; }
        public double P95 { get; set; }
        public double Max { get; set; }
        public int Long { get; set; }
        public double DateChange { get; set; }
        public double Heap { get; set; }
        public double Scripts { get; set; }
        public double Data { get; set; }
    }

    public async Task<Measurement> MeasureAsync(int runs)
    {
        var results = new List<Raw>();
        for (var i = 0; i < runs; i++)
        {
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(baseAddress, pathAndFragment).ToString());
            await WaitUntilReadyAsync(page);
            results.Add(await page.EvaluateAsync<Raw>(PanScript));
        }
        double Median(Func<Raw, double> pick) => results.Select(pick).Order().ElementAt(results.Count / 2);
        return new(results[0].Features, Median(r => r.Load), Median(r => r.Mean), Median(r => r.P95), Median(r => r.Max), (int)Median(r => r.Long),
            Median(r => r.DateChange), Median(r => r.Heap), Median(r => r.Scripts), Median(r => r.Data));
    }

    /// <summary>Requests the page makes for a layer's features or tiles (the layer unticked in the URL: none expected).</summary>
    public async Task<int> RequestsForLayerAsync(string layerId)
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var count = 0;
        page.Request += (_, request) => { if (request.Url.Contains($"/collections/{layerId}/", StringComparison.Ordinal)) count++; };
        await page.GotoAsync(new Uri(baseAddress, pathAndFragment).ToString());
        await WaitUntilReadyAsync(page);
        await page.WaitForTimeoutAsync(1000);
        return count;
    }

    /// <summary>
    /// Polls the page's ready mark with evaluate, which the DevTools protocol runs outside the page's
    /// Content-Security-Policy (WaitForFunctionAsync compiles its predicate with eval, which the policy refuses).
    /// </summary>
    private static async Task WaitUntilReadyAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (await page.EvaluateAsync<string?>("() => document.body.dataset.ready") is not ("true" or "error"))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The map page did not become ready within 5 minutes");
            await Task.Delay(20);
        }
    }
}
