using System.Text;

namespace Map.IntegrationTests.Items;

/// <summary>The hostile requests of issue #10, through Kestrel: each a 4xx problem, none a 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostileRequestTests(ApiFixture api)
{
    private static string Cursor(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("filter-lang=cql2-json&filter=" + """{"op":"=","args":[{"property":1},1]}""", "filter")]
    [InlineData("filter-lang=cql2-json&filter=" + """{"op":"=","args":[{"property":"confidence"},1e400]}""", "filter")]
    [InlineData("filter=name%3D'%00'", "filter")]
    [InlineData("name=%00", "name")]
    [InlineData("filter=name%20LIKE%20'x%5C'", "filter")]
    [InlineData("filter=S_INTERSECTS(geometry,POINT(100000000%200))&filter-crs=EPSG:32637", "filter")]
    [InlineData("bbox=0,0,100000000,1&bbox-crs=EPSG:32637", "bbox")]
    [InlineData("bbox=NaN,0,1,1", "bbox")]
    [InlineData("bbox=0,0,1,1e400", "bbox")]
    public async Task AHostileValueIsA400NamingItsParameter(string query, string parameter)
    {
        var problem = await api.GetProblem("/collections/bases/items?" + query.Replace("{", "%7B").Replace("}", "%7D").Replace("\"", "%22"), 400);
        Assert.Equal(parameter, (string?)problem["parameter"]);
    }

    [Theory]
    [InlineData("""{"K":["1e400","x"],"P":false}""")]
    [InlineData("""{"K":["1e-400","x"],"P":false}""")]
    [InlineData("""{"K":["\ud800","x"],"P":false}""")]
    [InlineData("""{"K":["0.5","\u0000"],"P":true}""")]
    public async Task AForgedCursorIsA400(string payload) =>
        Assert.Equal("cursor", (string?)(await api.GetProblem($"/collections/bases/items?sortby=confidence&cursor={Cursor(payload)}", 400))["parameter"]);

    [Fact]
    public async Task AnUnimplementedCql2FunctionIsNotSupportedRatherThanAnUnknownProperty()
    {
        var problem = await api.GetProblem("/collections/bases/items?filter=" + Uri.EscapeDataString("T_BEFORE(validFrom, DATE('2020-01-01'))"), 400);
        Assert.Equal("function-not-supported", (string?)problem["code"]);
        Assert.Contains("T_BEFORE", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANulInThePathIsRefusedByTheServer()
    {
        using var client = new HttpClient { BaseAddress = api.App.BaseAddress };
        var response = await client.GetAsync("/collections/bases/items/%00");
        Assert.Equal(400, (int)response.StatusCode);
    }
}
