namespace Map.IntegrationTests.Collections;

[Collection(ApiCollection.Name)]
public sealed class CollectionsTests(ApiFixture api)
{
    [Fact]
    public async Task EveryLayerIsACollectionInDisplayOrder()
    {
        var collections = (await api.GetJson("/collections"))["collections"]!.AsArray();
        Assert.Equal(["bases", "zones"], collections.Select(c => (string)c!["id"]!));
    }

    [Fact]
    public async Task ACollectionDescribesItsExtentFromTheData()
    {
        var bases = await api.GetJson("/collections/bases");
        var bbox = bases["extent"]!["spatial"]!["bbox"]![0]!.AsArray().Select(v => (double)v!).ToArray();
        // West: coast; south: coast; east: east-outside; north: gone-2019.
        Assert.Equal([35.9, 35.4, 42.1, 37.4], bbox);
        var interval = bases["extent"]!["temporal"]!["interval"]![0]!.AsArray();
        Assert.Equal("2015-01-01T00:00:00Z", (string?)interval[0]);
        Assert.Null(interval[1]);
    }

    [Fact]
    public async Task ACollectionLinksToItsItems()
    {
        var zones = await api.GetJson("/collections/zones");
        var items = zones["links"]!.AsArray().Single(l => (string?)l!["rel"] == "items" && (string?)l["type"] == "application/geo+json")!;
        Assert.EndsWith("/collections/zones/items", (string)items["href"]!);
        Assert.Equal("application/geo+json", (string?)items["type"]);
    }

    [Fact]
    public async Task AnUnknownCollectionIsA404Problem() =>
        await api.GetProblem("/collections/nope", 404);

    [Fact]
    public async Task RegionsAndActorsAreServedForTheMap()
    {
        var regions = await api.GetJson("/regions");
        Assert.Equal(["northeast", "coast"], regions["features"]!.AsArray().Select(f => (string)f!["id"]!));
        var actors = await api.Client.GetStringAsync("/actors");
        Assert.Contains("قوة ألفا", actors);
    }

    [Fact]
    public async Task HealthIsHealthyWhenPostGisAnswers()
    {
        var response = await api.Client.GetAsync("/health");
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
