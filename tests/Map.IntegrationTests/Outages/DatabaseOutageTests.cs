using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Map.IntegrationTests.Outages;

public sealed class OutageClusterFixture : IAsyncLifetime
{
    public ThrowAwayCluster Cluster { get; private set; } = null!;
    public async Task InitializeAsync() => Cluster = await ThrowAwayCluster.CreateAsync("outage");
    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>Timing tests: they run after the others, alone, so that the rest of the suite does not compete for the two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}

/// <summary>
/// PostgreSQL stopped and started again under load, on a cluster of the test's own: clients see 200s or 503s with
/// Retry-After (never a 500), readiness fails while it is down, and the API recovers within seconds once it is back.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class DatabaseOutageTests(OutageClusterFixture fixture, ITestOutputHelper output) : IClassFixture<OutageClusterFixture>
{
    private const int Connections = 64;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AllowedRecovery = TimeSpan.FromSeconds(5);
    private static readonly string[] Paths =
        ["/collections/bases/items", "/collections/bases/items?limit=2&sortby=-validFrom", "/collections", "/collections/bases/items/always"];

    private sealed record Outcome(TimeSpan Sent, TimeSpan Done, string Path, int Status, string? RetryAfter, string? Code, string? Error);

    [Fact]
    public async Task UnderLoadAnOutageIsOnly503WithRetryAfterAndTheApiRecoversWithinFiveSecondsOfTheDatabase()
    {
        var cluster = fixture.Cluster;
        await using var app = new OutageApplication(cluster.ConnectionString);
        app.StartServer();
        using var client = app.CreateClient();
        var clock = Stopwatch.StartNew();
        var outcomes = new ConcurrentQueue<Outcome>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Connections).Select(i => Task.Run(() => LoadAsync(client, i, clock, outcomes, stop.Token))).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        await cluster.StopAsync();
        var down = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var readyWhileDown = await client.GetAsync("/health/ready");
        var aliasWhileDown = await client.GetAsync("/health");
        var liveWhileDown = await client.GetAsync("/health/live");
        var rest = Outage - (clock.Elapsed - down);
        if (rest > TimeSpan.Zero) await Task.Delay(rest);
        await cluster.StartAsync();
        var up = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(6));
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        var readyAfter = await client.GetAsync("/health/ready");

        var all = outcomes.OrderBy(o => o.Sent).ToList();
        var firstOkAfterUp = all.Where(o => o.Sent >= up && o.Status == 200).MinBy(o => o.Done)
            ?? throw new Xunit.Sdk.XunitException("No request succeeded after the database came back.");
        var during = all.Where(o => o.Sent >= down && o.Done <= up).ToList();
        output.WriteLine($"{all.Count} requests from {Connections} connections; database down {down.TotalSeconds:0.0}–{up.TotalSeconds:0.0} s; " +
            $"during the outage {during.Count(o => o.Status == 503)} × 503 and {during.Count(o => o.Status == 200)} × 200; " +
            $"first 200 {(firstOkAfterUp.Done - up).TotalSeconds:0.00} s after the database was back; " +
            $"{all.Count(o => o.Sent > firstOkAfterUp.Done)} requests after that, slowest {all.Max(o => (o.Done - o.Sent).TotalMilliseconds):0} ms.");

        var wrong = all.Where(o => !(o.Status == 200 || (o.Status == 503 && o.RetryAfter == "2" && o.Code is "database-unavailable" or "database-overloaded")))
            .Take(10).Select(o => $"{o.Sent.TotalSeconds:0.00}s {o.Path}: {o.Status} {o.Code} {o.Error}").ToList();
        Assert.True(wrong.Count == 0, "Answers other than 200 or 503 with Retry-After:\n" + string.Join('\n', wrong));
        Assert.Contains(during, o => o.Status == 503);
        Assert.True(firstOkAfterUp.Done - up <= AllowedRecovery, $"Recovered {(firstOkAfterUp.Done - up).TotalSeconds:0.00} s after the database.");
        var afterRecovery = all.Where(o => o.Sent > firstOkAfterUp.Done && o.Status != 200).Take(10)
            .Select(o => $"{o.Sent.TotalSeconds:0.00}s {o.Path}: {o.Status} {o.Code}").ToList();
        Assert.True(afterRecovery.Count == 0, "Errors after recovery:\n" + string.Join('\n', afterRecovery));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, aliasWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, liveWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
    }

    [Fact]
    public async Task StartUpWaitsForADatabaseThatIsNotUpYetAndSaysSo()
    {
        var cluster = fixture.Cluster;
        await cluster.StopAsync();
        await using var app = new OutageApplication(cluster.ConnectionString);
        var starting = Task.Run(app.StartServer);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(starting.IsCompleted, "the app started without its database");
        await cluster.StartAsync();
        await starting.WaitAsync(TimeSpan.FromSeconds(30));

        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/collections/bases/items")).StatusCode);
        Assert.Contains(app.Warnings, w => w.Contains($"PostgreSQL at 127.0.0.1:{cluster.Port}/map is not answering yet", StringComparison.Ordinal)
            && w.Contains("retrying in", StringComparison.Ordinal));
    }

    private static async Task LoadAsync(HttpClient client, int worker, Stopwatch clock, ConcurrentQueue<Outcome> outcomes, CancellationToken stop)
    {
        for (var i = worker; !stop.IsCancellationRequested; i++)
        {
            var path = Paths[i % Paths.Length];
            var sent = clock.Elapsed;
            try
            {
                using var response = await client.GetAsync(path, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                string? code = null;
                try
                {
                    code = response.StatusCode == HttpStatusCode.OK ? null : (string?)JsonNode.Parse(body)?["code"];
                }
                catch (System.Text.Json.JsonException)
                {
                    outcomes.Enqueue(new(sent, clock.Elapsed, path, (int)response.StatusCode, null, null, "not JSON: " + body));
                    continue;
                }
                outcomes.Enqueue(new(sent, clock.Elapsed, path, (int)response.StatusCode,
                    response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), code, null));
            }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException or InvalidOperationException)
            {
                outcomes.Enqueue(new(sent, clock.Elapsed, path, 0, null, null, e.GetType().Name + ": " + e.Message));
            }
        }
    }
}
