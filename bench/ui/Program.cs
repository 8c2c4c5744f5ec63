// The map page with a dense layer (default 1,000,000 points, drawn from vector tiles) in its own database, against a
// baseline of the real dataset measured in the same run: load time (navigation start → the page's "map-ready" mark,
// set once every shown layer is drawn), pan frame time (requestAnimationFrame intervals while the map pans), a date
// change (change event → the new date drawn), JS heap, and the requests the layer causes when unticked.
// Usage: PGPASSFILE=.local/pgpass flock /tmp/map-bench.lock dotnet run --project bench/ui -c Release [-- --runs 3 --points 1000000]
// (./map's cluster asks for passwords over TCP; .local/pgpass holds postgres's, for the throw-away database.)
using System.Globalization;
using Map.Bench.Ui;
using Map.Testing;
using Microsoft.Playwright;

var runs = Arguments.Int(args, "--runs", 3);
var points = Arguments.Int(args, "--points", 1_000_000);
const string date = "2020-08-25";

// WebApplicationFactory finds the web project's folder from this variable when run outside a test host.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MAP_WEB", Path.Combine(MapApplication.RepositoryRoot, "src", "Map.Web"));
await using var app = await MapApplication.StartAsync("bench_ui", MapApplication.RepositoryGeodata, onRealPort: true);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
});
PageMeasurements Page(string fragment) => new(browser, app.BaseAddress, $"/#date={date}{fragment}");
// The middle of the dense layer (DenseLayer: 38.5–42°E, 35.2–38.7°N).
const string centre = "&c=36.95,40.25";

var baseline = await Page("").MeasureAsync(runs);
await DenseLayer.InsertAsync(app.Database.ConnectionString, points);
var atDefault = await Page("").MeasureAsync(runs);
var atZoom7 = await Page("&z=7" + centre).MeasureAsync(runs);
var atZoom12 = await Page("&z=12" + centre).MeasureAsync(runs);
var unticked = await Page("&z=7" + centre + "&off=" + DenseLayer.Id).RequestsForLayerAsync(DenseLayer.Id);

Console.WriteLine($"UI benchmark, Debian Chromium headless, {Environment.ProcessorCount} cores, median of {runs} runs, date {date}");
Console.WriteLine("| scenario | GeoJSON features drawn | load (ms) | date change (ms) | pan frame mean (ms) | pan frame p95 (ms) | " +
    "pan frame max (ms) | frames > 50 ms | JS heap (MB) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var (name, result) in new[]
{
    ("baseline: real dataset, default view", baseline), ($"+ {points:N0} points, default view", atDefault),
    ($"+ {points:N0} points, zoom 7", atZoom7), ($"+ {points:N0} points, zoom 12", atZoom12),
})
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {result.Features:N0} | {result.LoadMs:F0} | {result.DateChangeMs:F0} | {result.FrameMeanMs:F1} | {result.FrameP95Ms:F1} | " +
        $"{result.FrameMaxMs:F1} | {result.LongFrames} | {result.HeapMb:F0} |"));
Console.WriteLine($"Requests for the dense layer with it unticked (zoom 7): {unticked}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Where the default view's load goes (+ {points:N0} points): scripts loaded at {atDefault.ScriptsMs:F0} ms, last API answer at " +
    $"{atDefault.DataMs:F0} ms, map ready at {atDefault.LoadMs:F0} ms"));
