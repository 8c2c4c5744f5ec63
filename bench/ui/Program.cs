// The map page with 100,000 points in view, against a baseline of the real dataset measured in the same run:
// load time (navigation start → the page's "map-ready" mark) and pan frame time (requestAnimationFrame intervals
// while the map pans). Usage: flock /tmp/map-bench.lock dotnet run --project bench/ui -c Release [-- --runs 3 --points 100000]
using System.Globalization;
using Map.Bench.Ui;
using Map.Testing;
using Microsoft.Playwright;

var runs = Arguments.Int(args, "--runs", 3);
var points = Arguments.Int(args, "--points", 100_000);
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
var page = new PageMeasurements(browser, app.BaseAddress, $"/#date={date}");

var baseline = await page.MeasureAsync(runs);
await DenseLayer.InsertAsync(app.Database.ConnectionString, points);
var dense = await page.MeasureAsync(runs);

Console.WriteLine($"UI benchmark, Debian Chromium headless, {Environment.ProcessorCount} cores, median of {runs} runs, date {date}");
Console.WriteLine("| scenario | features loaded | load (ms) | pan frame mean (ms) | pan frame p95 (ms) | pan frame max (ms) | frames > 50 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (name, result) in new[] { ("baseline: real dataset", baseline), ($"+ {points:N0} points (clustered)", dense) })
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {result.Features:N0} | {result.LoadMs:F0} | {result.FrameMeanMs:F1} | {result.FrameP95Ms:F1} | " +
        $"{result.FrameMaxMs:F1} | {result.LongFrames} |"));
