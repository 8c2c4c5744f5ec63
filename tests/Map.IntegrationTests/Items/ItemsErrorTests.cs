namespace Map.IntegrationTests.Items;

[Collection(ApiCollection.Name)]
public sealed class ItemsErrorTests(ApiFixture api)
{
    [Theory]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("bbox=a,b,c,d", "bbox")]
    [InlineData("bbox=42,36,40,37", "bbox")]
    [InlineData("bbox=40,37,42,36", "bbox")]
    [InlineData("bbox=-200,0,10,10", "bbox")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("datetime=yesterday", "datetime")]
    [InlineData("datetime=2020-13-01", "datetime")]
    [InlineData("datetime=2021-01-01/2020-01-01", "datetime")]
    [InlineData("datetime=../..", "datetime")]
    [InlineData("datetime=2020-01-01/2020-02-01/2020-03-01", "datetime")]
    [InlineData("bogus=1", "bogus")]
    [InlineData("BBOX=40,36,41,37", "BBOX")]
    [InlineData("crs=EPSG:2154", "crs")]
    [InlineData("crs=http://www.opengis.net/def/crs/EPSG/0/9999", "crs")]
    [InlineData("bbox=40,36,41,37&bbox-crs=urn:nope", "bbox-crs")]
    [InlineData("bbox=36,40,37,41,5&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326", "bbox")]
    [InlineData("sortby=colour", "sortby")]
    [InlineData("sortby=name,-name", "sortby")]
    [InlineData("properties=name,secret", "properties")]
    [InlineData("f=xml", "f")]
    [InlineData("confidence=high", "confidence")]
    [InlineData("approximate=yes", "approximate")]
    [InlineData("actor=,", "actor")]
    [InlineData("filter=colour%3D'red'", "filter")]
    [InlineData("filter=name%3D", "filter")]
    [InlineData("filter=name%20LIKE%205", "filter")]
    [InlineData("filter=confidence%20%3E%20'high'", "filter")]
    [InlineData("filter=validFrom%20%3D%20DATE('2020-02-30')", "filter")]
    [InlineData("filter=S_INTERSECTS(geometry,%20POLYGON((1%202,%203)))", "filter")]
    [InlineData("filter=S_INTERSECTS(name,%20BBOX(1,2,3,4))", "filter")]
    [InlineData("filter=T_INTERSECTS(name,%20DATE('2020-01-01'))", "filter")]
    [InlineData("filter=name%3D'x'%20junk", "filter")]
    [InlineData("filter=name%3D'x';%20DROP%20TABLE%20features", "filter")]
    [InlineData("filter-lang=cql2-json&filter=%7B%22op%22%3A%22%3D%22%2C%22args%22%3A%5B%7B%22property%22%3A%22secret%22%7D%2C1%5D%7D", "filter")]
    [InlineData("filter-lang=cql2-json&filter=%7Bnot%20json", "filter")]
    [InlineData("filter-lang=cql2-json&filter=%7B%22op%22%3A%22explode%22%2C%22args%22%3A%5B%5D%7D", "filter")]
    [InlineData("filter-lang=sql&filter=1", "filter-lang")]
    [InlineData("filter=name%3D'x'&filter-crs=EPSG:1", "filter-crs")]
    public async Task ABadParameterIsA400ProblemNamingIt(string query, string parameter)
    {
        var problem = await api.GetProblem($"/collections/bases/items?{query}", 400);
        Assert.Equal(parameter, (string?)problem["parameter"]);
        Assert.Equal("invalid-parameter", (string?)problem["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
    }

    [Theory]
    [InlineData("/collections?lmit=5", "lmit")]
    [InlineData("/collections/bases?box=1,2,3,4", "box")]
    [InlineData("/conformance?x=1", "x")]
    [InlineData("/?f=pdf", "f")]
    [InlineData("/collections/bases/items/always?limt=1", "limt")]
    [InlineData("/collections/bases/queryables?filtr=x", "filtr")]
    public async Task EveryApiResourceRefusesParametersItDoesNotDefine(string path, string parameter) =>
        Assert.Equal(parameter, (string?)(await api.GetProblem(path, 400))["parameter"]);

    [Fact]
    public async Task TheMapPagesOwnRequestsAreAccepted()
    {
        var response = await api.Client.GetAsync("/collections/bases/items?limit=10000&datetime=2020-01-01&bbox=35,32,43,38");
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task SqlInAFilterValueIsOnlyEverAValue()
    {
        var text = Uri.EscapeDataString("name = 'x'' OR ''1''=''1'");
        Assert.Empty(await api.FeatureIds($"/collections/bases/items?filter={text}"));
        Assert.Equal(8L, await api.App.Database.ScalarAsync<long>("SELECT count(*) FROM features WHERE layer_id = 'bases'"));
    }

    [Fact]
    public async Task AnUnknownCollectionIsA404Problem()
    {
        var problem = await api.GetProblem("/collections/nope/items", 404);
        Assert.Equal("collection-not-found", (string?)problem["code"]);
    }

    [Fact]
    public async Task AnUnknownFeatureIsA404Problem()
    {
        var problem = await api.GetProblem("/collections/bases/items/nope", 404);
        Assert.Equal("feature-not-found", (string?)problem["code"]);
    }

    [Fact]
    public async Task AFeatureAskedForInTheWrongCollectionIsNotFound() =>
        await api.GetProblem("/collections/zones/items/always", 404);

    [Fact]
    public async Task AnUnknownPathIsA404Problem() =>
        await api.GetProblem("/no/such/path", 404);
}
