using System.Net;
using System.Text.Json.Nodes;
using Map.Web.Replication;

namespace Map.IntegrationTests.Replication;

/// <summary>
/// Scale-out on streaming replication, with a real primary and standby of the test's own: reads come from the standby,
/// writes go to the primary, a writer reads its own writes, and either server may stop without reads failing.
/// </summary>
public sealed class ReplicationTests(ReplicaPairFixture pair) : IClassFixture<ReplicaPairFixture>
{
    private static readonly string[] Reads =
    [
        "/collections", "/collections/bases", "/collections/bases/items", "/collections/bases/items/always", "/collections/bases/queryables",
        "/collections/bases/tiles/WebMercatorQuad/5/12/19", "/regions", "/actors",
    ];

    [Fact]
    public async Task ReadsAreServedByTheStandbyAndWritesByThePrimary()
    {
        await using var app = new ReplicatedApplication(pair, readFromStandby: true);
        using var client = app.CreateClient();

        foreach (var path in Reads) Assert.True((await client.GetAsync(path)).IsSuccessStatusCode, path);
        using var write = await ReplicatedApplication.UploadAsync(client, "written", 3);

        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        Assert.True(await ReplicaPairFixture.SessionsAsync(pair.Standby, app.Reader) > 0, "no read session on the standby");
        Assert.Equal(0, await ReplicaPairFixture.SessionsAsync(pair.Primary, app.Reader));
        Assert.True(await ReplicaPairFixture.SessionsAsync(pair.Primary, app.Writer) > 0, "no write session on the primary");
        Assert.Equal(0, await ReplicaPairFixture.SessionsAsync(pair.Standby, app.Writer));
    }

    [Fact]
    public async Task AWriterReadsItsOwnWriteWhileTheStandbyHasNotReplayedIt()
    {
        await using var app = new ReplicatedApplication(pair, readFromStandby: true, waitMilliseconds: 300);
        using var writer = app.CreateClient();
        using var stranger = app.CreateClient();
        await writer.GetAsync("/collections");

        await ReplicaPairFixture.ScalarAsync<object>(pair.Standby, "SELECT pg_wal_replay_pause()::text");
        try
        {
            using var write = await ReplicatedApplication.UploadAsync(writer, "own-write", 3);
            Assert.Equal(HttpStatusCode.Created, write.StatusCode);
            var lsn = Assert.Single(write.Headers.GetValues(ReadYourWrites.WriteLsnHeader));

            // Someone else reads the standby, which has not replayed the import: the layer is not there yet.
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/collections/own-write/items")).StatusCode);
            // The writer's cookie, or the LSN in a header, makes the read wait for the standby, then go to the primary.
            Assert.Equal(3, (int?)(await ItemsAsync(writer, "/collections/own-write/items"))["numberReturned"]);
            using var afterLsn = new HttpRequestMessage(HttpMethod.Get, "/collections/own-write") { Headers = { { ReadYourWrites.ReadAfterHeader, lsn } } };
            Assert.Equal(HttpStatusCode.OK, (await stranger.SendAsync(afterLsn)).StatusCode);
        }
        finally
        {
            await ReplicaPairFixture.ScalarAsync<object>(pair.Standby, "SELECT pg_wal_replay_resume()::text");
        }
        await pair.WaitForStandbyAsync();
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/collections/own-write/items")).StatusCode);
    }

    [Fact]
    public async Task AMalformedReadAfterHeaderIsA400NamingIt()
    {
        await using var app = new ReplicatedApplication(pair, readFromStandby: true);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/collections/bases/items")
        {
            Headers = { { ReadYourWrites.ReadAfterHeader, "yesterday" } },
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ReadYourWrites.ReadAfterHeader, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]);
    }

    [Fact]
    public async Task ETagsAndStampsAgreeBetweenAnInstanceOnTheStandbyAndOneOnThePrimary()
    {
        await pair.WaitForStandbyAsync();
        await using var onStandby = new ReplicatedApplication(pair, readFromStandby: true);
        await using var onPrimary = new ReplicatedApplication(pair, readFromStandby: false);
        using var standbyClient = onStandby.CreateClient();
        using var primaryClient = onPrimary.CreateClient();

        foreach (var path in Reads.Where(p => p.StartsWith("/collections", StringComparison.Ordinal)))
        {
            using var fromStandby = await standbyClient.GetAsync(path);
            using var fromPrimary = await primaryClient.GetAsync(path);
            Assert.True(fromStandby.Headers.ETag is not null, $"{path}: no ETag");
            Assert.Equal((path, fromPrimary.StatusCode, fromPrimary.Headers.ETag, fromPrimary.Content.Headers.LastModified),
                (path, fromStandby.StatusCode, fromStandby.Headers.ETag, fromStandby.Content.Headers.LastModified));
        }
        Assert.True(await ReplicaPairFixture.SessionsAsync(pair.Standby, onStandby.Reader) > 0);
        Assert.Equal(0, await ReplicaPairFixture.SessionsAsync(pair.Standby, onPrimary.Writer));
    }

    [Fact]
    public async Task WithThePrimaryStoppedReadsAnswer200AndWritesAnswer503WithRetryAfter()
    {
        await using var app = new ReplicatedApplication(pair, readFromStandby: true);
        using var client = app.CreateClient();
        await client.GetAsync("/collections");

        await pair.Primary.StopAsync();
        try
        {
            foreach (var path in Reads) Assert.True((await client.GetAsync(path)).IsSuccessStatusCode, $"{path} with the primary down");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

            using var write = await ReplicatedApplication.UploadAsync(client, "refused", 2);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
            Assert.Equal("2", Assert.Single(write.Headers.GetValues("Retry-After")));
            Assert.Equal("database-unavailable", (string?)JsonNode.Parse(await write.Content.ReadAsStringAsync())!["code"]);
        }
        finally
        {
            await pair.Primary.StartAsync();
        }
    }

    [Fact]
    public async Task WithThePrimaryStoppedTheCliRefusesClearlyAndNeverWritesToTheStandby()
    {
        var zip = Path.Combine(Directory.CreateTempSubdirectory("map-replication-cli-").FullName, "cli.zip");
        await File.WriteAllBytesAsync(zip, await ReplicatedApplication.ShapefileZipAsync("cli", 2));
        var bothServers = $"Host=127.0.0.1:{pair.Primary.Port},127.0.0.1:{pair.Standby.Port};Username=postgres;Database=map;Timeout=3";
        var error = new StringWriter();

        await pair.Primary.StopAsync();
        int code;
        try
        {
            code = await Map.Cli.CliApp.RunAsync(["import", zip, "--layer", "cli", "--connection", bothServers], new StringWriter(), error);
        }
        finally
        {
            await pair.Primary.StartAsync();
            Directory.Delete(Path.GetDirectoryName(zip)!, recursive: true);
        }

        Assert.Equal(1, code);
        Assert.StartsWith("error [database-unavailable]: cannot reach PostGIS", error.ToString());
    }

    [Fact]
    public async Task WithTheStandbyStoppedReadsAnswer200FromThePrimary()
    {
        await using var app = new ReplicatedApplication(pair, readFromStandby: true);
        using var client = app.CreateClient();
        await client.GetAsync("/collections");

        await pair.Standby.StopAsync();
        try
        {
            foreach (var path in Reads) Assert.True((await client.GetAsync(path)).IsSuccessStatusCode, $"{path} with the standby down");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.True(await ReplicaPairFixture.SessionsAsync(pair.Primary, app.Reader) > 0, "no read session on the primary");
        }
        finally
        {
            await pair.Standby.StartAsync();
        }
    }

    private static async Task<JsonNode> ItemsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}
