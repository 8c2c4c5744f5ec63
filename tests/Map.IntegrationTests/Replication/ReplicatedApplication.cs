using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Map.Data.Keys;
using Map.Import;
using Map.IntegrationTests.Outages;
using Map.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Map.IntegrationTests.Replication;

/// <summary>A primary and one streaming standby of it, both the test's own, shared by the tests of a class.</summary>
public sealed class ReplicaPairFixture : IAsyncLifetime
{
    public ThrowAwayCluster Primary { get; private set; } = null!;
    public ThrowAwayCluster Standby { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Primary = await ThrowAwayCluster.CreateAsync("replication");
        Standby = await Primary.CreateStandbyAsync();
        // Migrated and seeded on the primary; the standby replays it.
        await using var app = new ReplicatedApplication(this, readFromStandby: true);
        app.StartServer();
        await WaitForStandbyAsync();
    }

    public async Task DisposeAsync()
    {
        await Standby.DisposeAsync();
        await Primary.DisposeAsync();
    }

    /// <summary>Returns once the standby has replayed everything the primary has written.</summary>
    public async Task WaitForStandbyAsync()
    {
        var target = await ScalarAsync<NpgsqlTypes.NpgsqlLogSequenceNumber>(Primary, "SELECT pg_current_wal_lsn()");
        var clock = Stopwatch.StartNew();
        while (await ScalarAsync<NpgsqlTypes.NpgsqlLogSequenceNumber>(Standby, "SELECT pg_last_wal_replay_lsn()") < target)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"The standby did not replay {target} within 30 s.");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Sessions of an application name that have run a statement on one server, as its pg_stat_activity shows them.
    /// Npgsql's loading of the server's types (SELECT version(); …), which it does on whichever host it reaches first,
    /// is not a read of ours and is left out.
    /// </summary>
    public static Task<long> SessionsAsync(ThrowAwayCluster server, string applicationName) =>
        ScalarAsync<long>(server, "SELECT count(*) FROM pg_stat_activity " +
            $"WHERE application_name = '{applicationName}' AND query <> '' AND query NOT LIKE 'SELECT version();%'");

    public static async Task<T> ScalarAsync<T>(ThrowAwayCluster server, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>
/// The app on a <see cref="ReplicaPairFixture"/>: writes on the primary, reads on the standby (or, without
/// <c>readFromStandby</c>, everything on the primary). Its connections carry application names of their own, so a
/// test finds them in either server's pg_stat_activity.
/// </summary>
public sealed class ReplicatedApplication(ReplicaPairFixture pair, bool readFromStandby, int waitMilliseconds = 1000) : WebApplicationFactory<Program>
{
    public const string ApiKey = "replication-test-key-0123456789";
    private readonly string id = Guid.NewGuid().ToString("N")[..8];

    public string Writer => $"map-writer-{id}";
    public string Reader => $"map-reader-{id}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Map"] = $"{pair.Primary.ConnectionString};Application Name={Writer}",
            ["ConnectionStrings:MapRead"] = readFromStandby ? $"{pair.Standby.ConnectionString};Application Name={Reader}" : null,
            ["Map:GeodataPath"] = MapApplication.FixtureGeodata,
            ["Map:WebRootPath"] = Path.Combine(MapApplication.RepositoryRoot, "wwwroot"),
            ["Map:Database:RetryAfterSeconds"] = "2",
            ["Map:Database:ConnectTimeoutSeconds"] = "2",
            ["Map:Replication:WaitMilliseconds"] = waitMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Map:Imports:ApiKeyHashes:0"] = ApiKeys.Hash(ApiKey),
        }));
    }

    /// <summary>Uploads a published layer of <paramref name="count"/> points through POST /imports.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string layer, int count)
    {
        var body = new MultipartFormDataContent
        {
            { new ByteArrayContent(await ShapefileZipAsync(layer, count)) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } },
                "file", layer + ".zip" },
            { new StringContent(layer), "layer" },
            // Public at once, so that readers without the key see it (imports make unpublished layers otherwise).
            { new StringContent("true"), "publish" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/imports") { Content = body, Headers = { { "X-Api-Key", ApiKey } } };
        return await client.SendAsync(request);
    }

    /// <summary>A zipped shapefile of <paramref name="count"/> points of actor alpha, made by ogr2ogr from GeoJSON.</summary>
    public static async Task<byte[]> ShapefileZipAsync(string layer, int count)
    {
        var folder = Directory.CreateTempSubdirectory("map-replication-").FullName;
        try
        {
            var features = Enumerable.Range(0, count).Select(i => new JsonObject
            {
                ["type"] = "Feature",
                ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(40 + (i * 0.01), 36.5) },
                ["properties"] = new JsonObject { ["name"] = $"{layer} {i}", ["actor"] = "alpha", ["valid_from"] = "2020-01-01", ["confidence"] = 0.5 },
            });
            var geojson = Path.Combine(folder, "in.geojson");
            var collection = new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray([.. features]) };
            await File.WriteAllTextAsync(geojson, collection.ToJsonString());
            await RunAsync("ogr2ogr", "-f", "ESRI Shapefile", "-a_srs", "EPSG:4326", Path.Combine(folder, layer + ".shp"), geojson);
            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                foreach (var file in Directory.GetFiles(folder, layer + ".*")) await archive.CreateEntryFromFileAsync(file, Path.GetFileName(file));
            return zip.ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} exited {process.ExitCode}: {await errors}");
    }
}
