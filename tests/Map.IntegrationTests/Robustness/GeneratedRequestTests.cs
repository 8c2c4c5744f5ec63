using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Map.Testing;
using Xunit.Abstractions;

namespace Map.IntegrationTests.Robustness;

/// <summary>The app on the in-memory test server (no request-line limit, so filters 30,000 levels deep arrive whole).</summary>
public sealed class InMemoryApiFixture : IAsyncLifetime
{
    public MapApplication App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await MapApplication.StartAsync("fuzz", MapApplication.FixtureGeodata);
        Client = App.CreateClient();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Generated requests over the items parameters and the CQL2 grammar: a legal request is a 200, a broken one a 4xx
/// (or a 200 when the break happens to be harmless), and nothing is ever a 5xx. Seeded and reproducible: the seed is
/// printed, and MAP_FUZZ_SEED=&lt;seed&gt; repeats a run (MAP_FUZZ_REQUESTS sets how many).
/// </summary>
public sealed class GeneratedRequestTests(InMemoryApiFixture api, ITestOutputHelper output) : IClassFixture<InMemoryApiFixture>
{
    private const int DefaultRequests = 10_000;

    [Fact]
    public async Task LegalRequestsAre200AndEveryOtherRequestIsA4xxNeverA5xx()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MAP_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        var count = int.TryParse(Environment.GetEnvironmentVariable("MAP_FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : DefaultRequests;
        output.WriteLine($"MAP_FUZZ_SEED={seed} MAP_FUZZ_REQUESTS={count}");
        var generator = new RequestGenerator(new Random(seed));
        // Generated as they are sent (Parallel.ForEachAsync takes them one at a time, so the sequence is the seed's): a
        // run holds a few requests of up to a megabyte at once, not ten thousand.
        var requests = Enumerable.Range(0, count).Select(index => (Request: generator.Next(), Index: index));

        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var legal = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, ct) =>
        {
            var (request, index) = item;
            if (request.Legal) Interlocked.Increment(ref legal);
            using var message = new HttpRequestMessage(request.Method, request.PathAndQuery);
            using var response = await api.Client.SendAsync(message, ct);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
            if (status >= 500 || (request.Legal && status != 200))
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                failures.Enqueue($"#{index} {request.Method} {Abridged(request.PathAndQuery)} ({(request.Legal ? "legal" : "broken")}) → {status} " +
                    Abridged(body));
            }
        });

        output.WriteLine($"{count} requests ({legal} legal) generated and answered in {clock.Elapsed.TotalSeconds:0.0} s; statuses: " +
            string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key} × {p.Value}")));
        Assert.True(failures.IsEmpty, $"MAP_FUZZ_SEED={seed}: {failures.Count} requests answered wrongly, e.g.\n" + string.Join("\n", failures.Take(15)));
        Assert.True(legal > count / 4 && statuses.Keys.Any(k => k is >= 400 and < 500), "the generator's mix changed");
    }

    [Theory]
    [InlineData(28_000, false)]
    [InlineData(28_000, true)]
    [InlineData(65, false)]
    public async Task AFilterNestedDeeperThanTheLimitIsA400NotACrash(int depth, bool json)
    {
        var filter = json
            ? string.Concat(Enumerable.Repeat("{\"op\":\"not\",\"args\":[", depth)) + "{\"op\":\"isNull\",\"args\":[{\"property\":\"name\"}]}" +
              string.Concat(Enumerable.Repeat("]}", depth))
            : new string('(', depth) + "name = 'x'" + new string(')', depth);
        var response = await api.Client.GetAsync($"/collections/bases/items?filter={Uri.EscapeDataString(filter)}" + (json ? "&filter-lang=cql2-json" : ""));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("nested", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Abridged(string text) => text.Length <= 400 ? text : text[..400] + $"… ({text.Length} characters)";
}
