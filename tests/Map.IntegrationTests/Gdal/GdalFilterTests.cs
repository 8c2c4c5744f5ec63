using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Map.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Map.IntegrationTests.Gdal;

/// <summary>The app on a real port with every request it receives recorded, for tests about what a client sent.</summary>
public sealed class RecordingApiFixture : IAsyncLifetime
{
    private MapApplication database = null!;
    public WebApplicationFactory<Program> App { get; private set; } = null!;
    public ConcurrentQueue<string> Requests { get; } = new();
    public TestDatabase Database => database.Database;

    public async Task InitializeAsync()
    {
        database = await MapApplication.StartAsync("gdal", MapApplication.FixtureGeodata);
        App = database.WithWebHostBuilder(builder =>
        {
            builder.UseUrls("http://127.0.0.1:0");
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new Recorder(Requests)));
        });
        App.UseKestrel();
        App.StartServer();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await database.DisposeAsync();
    }

    public string Service => "OAPIF:" + App.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    private sealed class Recorder(ConcurrentQueue<string> requests) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                requests.Enqueue(Uri.UnescapeDataString(context.Request.Path + context.Request.QueryString));
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// Debian 12's GDAL (3.6.2) as QGIS users on Debian run it: its -where reaches the server as a CQL2 filter (it looks
/// for the name cql-text in /api, writes dates as '2020-01-01T' and booleans as 1/0), and the features it gets are
/// the ones SQL finds.
/// </summary>
public sealed class GdalFilterTests(RecordingApiFixture api) : IClassFixture<RecordingApiFixture>
{
    [Theory]
    [InlineData("validFrom >= '2020-01-01'", "valid_from >= '2020-01-01'", "filter=validFrom >= '2020-01-01T'")]
    [InlineData("approximate = 1", "approximate", "filter=approximate = 1")]
    [InlineData("approximate = 0 AND validFrom < '2019-06-01'", "NOT approximate AND valid_from < '2019-06-01'",
        "filter=(approximate = 0) AND (validFrom < '2019-06-01T')")]
    public async Task AWhereClauseReachesTheServerAsAFilterAndGetsWhatSqlFinds(string where, string sql, string sent)
    {
        var before = api.Requests.Count;
        var written = await Ogr2ogrAsync(api.Service, "-where", where);

        var filtered = api.Requests.Skip(before).Where(r => r.StartsWith("/collections/bases/items?", StringComparison.Ordinal)).ToList();
        Assert.Contains(filtered, r => r.Contains(sent, StringComparison.Ordinal) && r.Contains("filter-lang=cql-text", StringComparison.Ordinal));
        Assert.All(filtered.Skip(1), r => Assert.Contains(sent, r, StringComparison.Ordinal));
        Assert.Equal(await IdsAsync($"SELECT string_agg(id, ',' ORDER BY id) FROM features WHERE layer_id = 'bases' AND {sql}"), written);
    }

    [Fact]
    public async Task ACollectionUrlWithADatetimeOpensAndGivesThatDaysFeatures()
    {
        var written = await Ogr2ogrAsync(api.Service + "/collections/bases?datetime=2020-01-01");
        Assert.Equal(await IdsAsync("SELECT string_agg(id, ',' ORDER BY id) FROM features WHERE layer_id = 'bases' " +
            "AND valid_from <= '2020-01-01' AND (valid_to IS NULL OR valid_to >= '2020-01-01')"), written);
        Assert.Contains(api.Requests, r => r == "/collections/bases?datetime=2020-01-01");
    }

    private static async Task<string[]> Ogr2ogrAsync(string source, params string[] options)
    {
        var output = GdalTool.TempPath("bases.geojson");
        // PAGE_SIZE=2 makes GDAL follow next links, which must keep the filter.
        await GdalTool.RunAsync("ogr2ogr", ["-f", "GeoJSON", output, source, "bases", "-oo", "PAGE_SIZE=2", .. options]);
        return JsonNode.Parse(await File.ReadAllTextAsync(output))!["features"]!.AsArray()
            .Select(f => (string)f!["properties"]!["id"]!).Order(StringComparer.Ordinal).ToArray();
    }

    private async Task<string[]> IdsAsync(string sql) =>
        (await api.Database.ScalarAsync<string>($"SELECT coalesce(({sql}), '')")).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal).ToArray();
}
