using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Map.Data.Keys;
using Map.IntegrationTests.Replication;
using Map.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Map.IntegrationTests.Imports;

/// <summary>
/// Two app instances on one database share one import queue (issue #15): an upload queued through either runs once, on
/// whichever instance's worker claims it, and its status is the same from both. Every upload here runs as a job.
/// </summary>
public sealed class SharedQueueTests : IAsyncLifetime
{
    private const string KeyName = "newsroom-uploads";
    private MapApplication first = null!;
    private WebApplicationFactory<Program> second = null!;
    private string key = null!;

    public async Task InitializeAsync()
    {
        first = await MapApplication.StartAsync("jobs", MapApplication.FixtureGeodata, settings: new Dictionary<string, string?>
        {
            ["Map:Imports:SynchronousLimitBytes"] = "0",
            ["Map:Imports:PollSeconds"] = "0.2",
        });
        second = first.WithWebHostBuilder(_ => { });
        await using var keys = Map.Data.MapDataRegistration.CreateDataSource(first.Database.ConnectionString);
        key = await new ApiKeyService(keys).AddAsync(KeyName, KeyRole.Importer);
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task UploadsQueuedThroughOneInstanceRunOnceEachAndTheirStatusIsTheSameFromBoth()
    {
        using var through = first.CreateClient();
        using var other = second.CreateClient();
        var layers = new[] { "shared-a", "shared-b", "shared-c", "shared-d" };
        var counts = new[] { 120, 80, 150, 60 };

        var jobs = new List<(Guid Id, string Layer, int Count)>();
        for (var i = 0; i < layers.Length; i++)
        {
            using var response = await Upload(through, await ReplicatedApplication.ShapefileZipAsync(layers[i], counts[i]), layers[i]);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var job = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("queued", (string?)job["status"]);
            jobs.Add(((Guid)job["importId"]!, layers[i], counts[i]));
        }

        foreach (var (id, layer, count) in jobs)
        {
            var report = await WaitForTheEnd(other, id);
            Assert.Equal("succeeded", (string?)report["status"]);
            Assert.Equal(count, (int?)report["imported"]);
            Assert.Equal(1, (int?)report["attempts"]);
            Assert.Equal(KeyName, (string?)report["requestedBy"]);
            Assert.Equal(report.ToJsonString(), (await Status(through, id)).ToJsonString());
            Assert.Equal((long)count, await Scalar<long>("SELECT count(*) FROM features WHERE layer_id = @layer", ("layer", layer)));
            // One run wrote the layer: one entry in the change feed, recorded by this import and the key that asked.
            Assert.Equal(1L, await Scalar<long>("SELECT count(*) FROM changes WHERE actor = 'import ' || @id || ' (' || @key || ')'",
                ("id", id.ToString()), ("key", KeyName)));
        }
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM import_jobs"));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM import_job_files"));
    }

    private async Task<HttpResponseMessage> Upload(HttpClient client, byte[] zip, string layer)
    {
        var body = new MultipartFormDataContent
        {
            { new StringContent(layer), "layer" },
            { new ByteArrayContent(zip) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } }, "file", layer + ".zip" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/imports") { Content = body, Headers = { { "X-Api-Key", key } } };
        return await client.SendAsync(request);
    }

    private async Task<JsonNode> Status(HttpClient client, Guid id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/imports/{id}") { Headers = { { "X-Api-Key", key } } };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<JsonNode> WaitForTheEnd(HttpClient client, Guid id)
    {
        for (var poll = 0; poll < 600; poll++)
        {
            var report = await Status(client, id);
            if ((string?)report["status"] is not ("queued" or "running")) return report;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Import {id} did not end within a minute.");
    }

    private async Task<T> Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(first.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
