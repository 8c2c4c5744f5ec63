using System.Text.Json.Nodes;

namespace Map.IntegrationTests.Gdal;

/// <summary>GDAL's OGC API – Features driver (OAPIF) as a real client of the running app.</summary>
[Collection(ApiCollection.Name)]
public sealed class GdalClientTests(ApiFixture api)
{
    private string Service => "OAPIF:" + api.App.BaseAddress.ToString().TrimEnd('/');

    [Fact]
    public async Task OgrinfoListsEveryCollection()
    {
        var output = await GdalTool.RunAsync("ogrinfo", "-ro", "-q", Service);
        var layers = System.Text.RegularExpressions.Regex.Matches(output, @"^\d+: (\S+)", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Order().ToArray();
        var collections = (await api.GetJson("/collections"))["collections"]!.AsArray().Select(c => (string)c!["id"]!).Order().ToArray();
        Assert.Equal(collections, layers);
    }

    [Theory]
    [InlineData("bases", "40.5 36.0 42.0 37.5")]
    [InlineData("bases", "35 35 41.1 36.9")]
    [InlineData("zones", "40.9 36.9 41.0 37.0")]
    public async Task Ogr2ogrWithASpatialFilterGetsExactlyWhatTheDatabaseHoldsAcrossPages(string collection, string box)
    {
        var corners = box.Split(' ');
        var output = GdalTool.TempPath($"{collection}.geojson");
        // PAGE_SIZE=2 makes GDAL follow several next links, which must keep the bbox.
        var log = await GdalTool.RunAsync("ogr2ogr", "-f", "GeoJSON", output, Service, collection,
            "-spat", corners[0], corners[1], corners[2], corners[3], "-oo", "PAGE_SIZE=2", "--debug", "on");
        var written = JsonNode.Parse(await File.ReadAllTextAsync(output))!["features"]!.AsArray()
            .Select(f => (string)f!["properties"]!["id"]!).Order().ToArray();

        var expected = await api.App.Database.ScalarAsync<string>(
            $"SELECT coalesce(string_agg(id, ',' ORDER BY id), '') FROM features WHERE layer_id = '{collection}' " +
            $"AND ST_Intersects(geometry, ST_MakeEnvelope({string.Join(", ", corners)}, 4326))");
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Order().ToArray(), written);
        if (written.Length > 2) Assert.Contains("cursor=", log);
    }
}
