using System.Net;
using System.Text.RegularExpressions;
using Map.IntegrationTests.Gdal;

namespace Map.IntegrationTests.Tiles;

/// <summary>
/// What a tile holds, read back by GDAL's MVT driver (a tile saved as &lt;dir&gt;/&lt;z&gt;/&lt;x&gt;/&lt;y&gt;.pbf): the
/// fixture's bases in tile 5/12/19 (zoom 5, row 12, column 19: all of them), per date, with the styling attributes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class TileContentTests(ApiFixture api)
{
    private const string BasesTile = "/collections/bases/tiles/WebMercatorQuad/5/12/19";

    [Fact]
    public async Task ATileHoldsTheFeaturesPresentOnItsDateWithTheirStylingAttributes()
    {
        // Zoom 12 (no aggregation), the tile of ended-2018 and its successor 0.01° away: one on each date.
        const string SuccessionTile = "/collections/bases/tiles/WebMercatorQuad/12/1594/2516";
        var on2017 = await OgrinfoAsync(SuccessionTile + "?datetime=2017-01-01", 12, 2516, 1594);
        var on2020 = await OgrinfoAsync(SuccessionTile + "?datetime=2020-08-25", 12, 2516, 1594);

        Assert.Equal(["ended-2018"], Ids(on2017));
        Assert.Equal(["successor"], Ids(on2020));
        Assert.Contains("Layer name: bases", on2020);
        Assert.Matches(@"validFrom \(String\) = 2019-01-01", on2020);
        Assert.Matches(@"validTo \(String\) = 2024-12-08", on2020);
        Assert.Matches(@"actor \(String\) = beta", on2020);
        Assert.Matches(@"kind \(String\) = base", on2020);
        Assert.Matches(@"confidence \(Real\) = 0\.8", on2020);
        Assert.Matches(@"approximate \(Integer\(Boolean\)\) = 0", on2020);
        Assert.DoesNotContain("count (", on2020);
    }

    [Fact]
    public async Task AZoom5TileOfADateHoldsOnlyWhatWasPresentThen()
    {
        // In 2017 the three bases then present lie in three different 32-pixel cells of zoom 5: none is gathered.
        var on2017 = await OgrinfoAsync(BasesTile + "?datetime=2017-01-01", 5, 19, 12);
        Assert.Equal(["always", "coast", "ended-2018"], Ids(on2017));
        Assert.DoesNotContain("count (", on2017);
    }

    [Fact]
    public async Task WithoutADateATileHoldsEveryFeature()
    {
        // Zoom 5 cells are about 1.4° wide: east-outside, ended-2018 and successor share one (count 3), delta-post and
        // from-2021 another (count 2); always, coast and gone-2019 stand alone with their ids.
        var all = await OgrinfoAsync(BasesTile, 5, 19, 12);
        Assert.Equal(["always", "coast", "gone-2019"], Ids(all));
        Assert.Matches(@"count \(Integer\) = 3", all);
        Assert.Matches(@"count \(Integer\) = 2", all);
    }

    [Fact]
    public async Task ACql2FilterCutsTheTileAsItCutsItems()
    {
        // On 2020-08-25 east-outside shares successor's cell; filtered out, successor stands alone with its id.
        var filtered = await OgrinfoAsync(
            BasesTile + "?datetime=2020-08-25&filter=" + Uri.EscapeDataString("id <> 'east-outside'"), 5, 19, 12);
        Assert.Equal(["always", "coast", "successor"], Ids(filtered));
        Assert.DoesNotContain("count (", filtered);
    }

    [Fact]
    public async Task AtLowZoomsNearbyPointsBecomeOneWithACountAndTheirMostFrequentActor()
    {
        // Zoom 2: the four bases present in 2020 (always: alpha; coast, successor: beta; east-outside: delta) fall into
        // one 32-pixel cell, which takes the most frequent actor.
        var output = await OgrinfoAsync("/collections/bases/tiles/WebMercatorQuad/2/1/2?datetime=2020-08-25", 2, 2, 1);
        Assert.Contains("Feature Count: 1", output);
        Assert.Matches(@"count \(Integer\) = 4", output);
        Assert.Matches(@"actor \(String\) = beta", output);
        Assert.Empty(Ids(output));
    }

    [Fact]
    public async Task AZoneIsInTheTileOfADateItCoversAndTheTileOfAnotherDateIsEmpty()
    {
        var during = await OgrinfoAsync("/collections/zones/tiles/WebMercatorQuad/12/1594/2511?datetime=2019-11-01", 12, 2511, 1594);
        Assert.Equal(["strip"], Ids(during));
        Assert.Contains("Geometry: Polygon", during);

        var after = await api.Client.GetAsync("/collections/zones/tiles/WebMercatorQuad/12/1594/2511?datetime=2020-08-25");
        Assert.Equal(HttpStatusCode.NoContent, after.StatusCode);
        Assert.NotNull(after.Headers.ETag);
    }

    /// <summary>Fetches a tile, saves it where GDAL's MVT driver expects it and returns `ogrinfo -ro -al` of it.</summary>
    private async Task<string> OgrinfoAsync(string path, int zoom, int column, int row)
    {
        var response = await api.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);
        var directory = Path.Combine(GdalTool.TempPath("tiles"), $"{zoom}", $"{column}");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{row}.pbf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        return await GdalTool.RunAsync("ogrinfo", "-ro", "-al", file);
    }

    private static string[] Ids(string ogrinfo) => [.. IdAttribute().Matches(ogrinfo).Select(m => m.Groups[1].Value).Order()];

    [GeneratedRegex(@"^\s+id \(String\) = (\S+)", RegexOptions.Multiline)]
    private static partial Regex IdAttribute();
}
