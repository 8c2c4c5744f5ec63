using System.Globalization;
using System.Text.Json.Nodes;
using Map.IntegrationTests.Gdal;

namespace Map.IntegrationTests.Crs;

/// <summary>Part 2: crs, bbox-crs and Content-Crs, with GDAL's ogr2ogr as the reference reprojection.</summary>
[Collection(ApiCollection.Name)]
public sealed class CrsTests(ApiFixture api)
{
    private const string Epsg = "http://www.opengis.net/def/crs/EPSG/0/";

    [Theory]
    [InlineData(3857)]
    [InlineData(32637)]
    [InlineData(32638)]
    public async Task ProjectedOutputMatchesGdalsReprojection(int code)
    {
        foreach (var collection in new[] { "bases", "zones" })
        {
            var source = GdalTool.TempPath($"{collection}-crs84.geojson");
            await File.WriteAllTextAsync(source, (await api.GetJson($"/collections/{collection}/items")).ToJsonString());
            var reference = GdalTool.TempPath($"{collection}-{code}.geojson");
            await GdalTool.RunAsync("ogr2ogr", "-f", "GeoJSON", reference, source,
                "-s_srs", "OGC:CRS84", "-t_srs", $"EPSG:{code}", "-lco", "COORDINATE_PRECISION=6");

            var response = await api.Client.GetAsync($"/collections/{collection}/items?crs={Uri.EscapeDataString(Epsg + code)}");
            Assert.Equal($"<{Epsg}{code}>", response.Headers.GetValues("Content-Crs").Single());
            var ours = Coordinates(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
            var gdal = Coordinates(JsonNode.Parse(await File.ReadAllTextAsync(reference))!);
            Assert.Equal(gdal.Keys.Order(), ours.Keys.Order());
            foreach (var (id, points) in gdal)
            {
                Assert.Equal(points.Count, ours[id].Count);
                for (var i = 0; i < points.Count; i++)
                {
                    Assert.InRange(ours[id][i].X - points[i].X, -0.01, 0.01);
                    Assert.InRange(ours[id][i].Y - points[i].Y, -0.01, 0.01);
                }
            }
        }
    }

    [Fact]
    public async Task Epsg4326IsWrittenLatitudeFirst()
    {
        var response = await api.Client.GetAsync($"/collections/bases/items/always?crs={Uri.EscapeDataString(Epsg + 4326)}");
        Assert.Equal($"<{Epsg}4326>", response.Headers.GetValues("Content-Crs").Single());
        var feature = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("[36.5,40.7]", feature["geometry"]!["coordinates"]!.ToJsonString());
    }

    [Fact]
    public async Task Crs84IsTheDefaultAndIsAnnounced()
    {
        var response = await api.Client.GetAsync("/collections/bases/items?limit=1");
        Assert.Equal("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>", response.Headers.GetValues("Content-Crs").Single());
    }

    [Fact]
    public async Task ABboxInUtmSelectsTheSameFeaturesAsItsLonLatEquivalent()
    {
        // coast (35.9E 35.4N) is at about 218458 E, 3921818 N in zone 37N.
        var utm = await api.FeatureIds($"/collections/bases/items?bbox=200000,3900000,240000,3950000&bbox-crs={Uri.EscapeDataString(Epsg + 32637)}");
        Assert.Equal(["coast"], utm);
    }

    [Fact]
    public async Task ABboxInEpsg4326IsReadLatitudeFirst() =>
        Assert.Equal(["coast"], await api.FeatureIds($"/collections/bases/items?bbox=35.3,35.8,35.5,36.0&bbox-crs={Uri.EscapeDataString(Epsg + 4326)}"));

    [Fact]
    public async Task EveryCollectionListsItsCrsChoices()
    {
        var bases = await api.GetJson("/collections/bases");
        var crs = bases["crs"]!.AsArray().Select(c => (string)c!).ToArray();
        Assert.Contains("http://www.opengis.net/def/crs/OGC/1.3/CRS84", crs);
        foreach (var code in new[] { 4326, 3857, 32637, 32638 }) Assert.Contains(Epsg + code, crs);
        Assert.Equal("http://www.opengis.net/def/crs/OGC/1.3/CRS84", (string?)bases["storageCrs"]);
    }

    private static Dictionary<string, List<(double X, double Y)>> Coordinates(JsonNode collection) =>
        collection["features"]!.AsArray().ToDictionary(
            f => (string?)f!["id"] ?? (string)f!["properties"]!["id"]!,
            f => Flatten(f!["geometry"]!["coordinates"]!).ToList());

    private static IEnumerable<(double, double)> Flatten(JsonNode node)
    {
        var array = node.AsArray();
        if (array.Count >= 2 && array[0] is JsonValue)
        {
            yield return (array[0]!.GetValue<double>(), array[1]!.GetValue<double>());
            yield break;
        }
        foreach (var child in array)
            foreach (var point in Flatten(child!)) yield return point;
    }
}
