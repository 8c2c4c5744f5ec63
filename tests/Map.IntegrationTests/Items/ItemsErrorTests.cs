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
    public async Task ABadParameterIsA400ProblemNamingIt(string query, string parameter)
    {
        var problem = await api.GetProblem($"/collections/bases/items?{query}", 400);
        Assert.Equal(parameter, (string?)problem["parameter"]);
        Assert.Equal("invalid-parameter", (string?)problem["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
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
