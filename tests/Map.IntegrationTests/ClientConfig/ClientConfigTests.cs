namespace Map.IntegrationTests.ClientConfig;

[Collection(ApiCollection.Name)]
public sealed class ClientConfigTests(ApiFixture api)
{
    [Fact]
    public async Task TheMapPageGetsNoOnlineTilesByDefault()
    {
        var config = await api.GetJson("/client-config");
        Assert.True(config.ContainsKey("onlineTiles"));
        Assert.Null(config["onlineTiles"]);
    }
}
