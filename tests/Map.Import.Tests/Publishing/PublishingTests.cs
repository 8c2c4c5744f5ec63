using System.Net;
using System.Text.Json.Nodes;
using Map.Import.Tests.Fixture;

namespace Map.Import.Tests.Publishing;

/// <summary>
/// A layer is public only once published: imports create unpublished layers unless told to publish, and
/// `layers publish|unpublish` switches it. Holders of an upload key can still read unpublished layers.
/// </summary>
[Collection(ImportCollection.Name)]
public sealed class PublishingTests(ImportFixture fixture)
{
    private async Task<string> ImportNewLayer(string name, params string[] options)
    {
        var layer = $"{name}-{Guid.NewGuid():N}"[..30];
        var folder = fixture.NewFolder(name);
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "points", SourceData.Points), folder, "points", 4326);
        var result = await fixture.Cli(["import", shp, "--layer", layer, "--valid-from", "2020-01-01", "--confidence", "0.7", .. options]);
        Assert.True(result.ExitCode == 0, result.Error);
        return layer;
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)> Get(string path, bool withKey = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (withKey) request.Headers.Add("X-Api-Key", ImportFixture.ApiKey);
        var response = await fixture.Client.SendAsync(request);
        var body = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())?.AsObject() : null;
        return (response.StatusCode, body, response);
    }

    private async Task<string[]> ListedCollections(bool withKey = false)
    {
        var (_, body, _) = await Get("/collections", withKey);
        return body!["collections"]!.AsArray().Select(c => (string)c!["id"]!).ToArray();
    }

    [Fact]
    public async Task AnImportedLayerIsNotPublicUntilItIsPublished()
    {
        var layer = await ImportNewLayer("unpublished");

        Assert.DoesNotContain(layer, await ListedCollections());
        Assert.Equal(HttpStatusCode.NotFound, (await Get($"/collections/{layer}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Get($"/collections/{layer}/items")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Get($"/collections/{layer}/queryables")).Status);
        Assert.False(await fixture.Scalar<bool>("SELECT published FROM layers WHERE id = @id", ("id", layer)));
        Assert.Contains("bases", await ListedCollections());
    }

    [Fact]
    public async Task AKeyHolderReadsUnpublishedLayersAndTheAnswerIsNotForSharedCaches()
    {
        var layer = await ImportNewLayer("keyholder");

        Assert.Contains(layer, await ListedCollections(withKey: true));
        var (status, body, response) = await Get($"/collections/{layer}/items", withKey: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEmpty(body!["features"]!.AsArray());
        Assert.True(response.Headers.CacheControl is { Private: true, NoCache: true }, response.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await Get($"/collections/{layer}/items")).Status);
    }

    [Fact]
    public async Task ImportWithPublishPutsTheLayerOnTheMap()
    {
        var layer = await ImportNewLayer("published", "--publish");

        Assert.Contains(layer, await ListedCollections());
        Assert.Equal(HttpStatusCode.OK, (await Get($"/collections/{layer}/items")).Status);
    }

    [Fact]
    public async Task TheLayersCommandPublishesAndWithdrawsALayer()
    {
        var layer = await ImportNewLayer("switch");

        var published = await fixture.Cli("layers", "publish", layer, "--connection", fixture.ConnectionString);
        Assert.Equal(0, published.ExitCode);
        Assert.Contains(layer, await ListedCollections());
        var listing = await fixture.Cli("layers", "list", "--connection", fixture.ConnectionString);
        Assert.Matches($@"{layer}\s+presence\s+yes\s+4", listing.Output);

        var withdrawn = await fixture.Cli("layers", "unpublish", layer, "--connection", fixture.ConnectionString);
        Assert.Equal(0, withdrawn.ExitCode);
        Assert.DoesNotContain(layer, await ListedCollections());
    }

    [Fact]
    public async Task PublishingALayerThatDoesNotExistIsARefusal()
    {
        var result = await fixture.Cli("layers", "publish", "no-such-layer", "--connection", fixture.ConnectionString);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error [layer-not-found]", result.Error);
    }
}
