using System.Net;
using System.Text;
using Map.Import.Tests.Fixture;
using NetTopologySuite.Algorithm.Distance;

namespace Map.Import.Tests.Reading;

/// <summary>Shapefiles GDAL made in several CRSs and encodings come out where GDAL puts them, with their Arabic text intact.</summary>
[Collection(ImportCollection.Name)]
public sealed class CoordinatesAndTextTests(ImportFixture fixture)
{
    public static TheoryData<string, int, string> Cases => new()
    {
        { "points", 4326, "UTF-8" }, { "points", 32637, "UTF-8" }, { "points", 32638, "CP1256" }, { "points", 3857, "UTF-8" },
        { "lines", 32637, "CP1256" }, { "lines", 3857, "UTF-8" },
        { "polygons", 4326, "CP1256" }, { "polygons", 32637, "UTF-8" }, { "polygons", 32638, "UTF-8" }, { "polygons", 3857, "CP1256" },
    };

    private static string Source(string kind) => kind switch
    {
        "points" => SourceData.Points,
        "lines" => SourceData.Lines,
        _ => SourceData.Polygons,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ImportedThroughTheCliCoordinatesMatchGdalsReprojectionAndArabicTextIsExact(string kind, int epsg, string encoding)
    {
        var folder = fixture.NewFolder($"cli-{kind}-{epsg}");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, kind, Source(kind)), folder, $"{kind}_{epsg}", epsg, encoding);
        var layer = $"cli-{kind}-{epsg}-{encoding.ToLowerInvariant()}";

        var result = await fixture.Cli("import", shp, "--layer", layer);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        await AssertMatchesGdal(layer, shp, encoding);
    }

    [Theory]
    [InlineData("points", 32637, "CP1256")]
    [InlineData("polygons", 32638, "UTF-8")]
    [InlineData("lines", 3857, "UTF-8")]
    public async Task UploadedAsAZipWithFoldersCoordinatesMatchGdalsReprojectionAndArabicTextIsExact(string kind, int epsg, string encoding)
    {
        var folder = fixture.NewFolder($"up-{kind}-{epsg}");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, kind, Source(kind)), folder, $"{kind}_{epsg}", epsg, encoding);
        var zip = ImportFixture.ZipShapefile(shp, Path.Combine(folder, "upload.zip"), inner: "export/qgis/layers/");
        var layer = $"up-{kind}-{epsg}";

        var response = await fixture.Upload(zip, new() { ["layer"] = layer });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var report = await ImportFixture.Json(response);
        Assert.Equal("succeeded", (string?)report["status"]);
        Assert.Equal($"/imports/{report["importId"]}", response.Headers.Location?.OriginalString);
        await AssertMatchesGdal(layer, shp, encoding);
    }

    private async Task AssertMatchesGdal(string layer, string shp, string encoding)
    {
        var reference = ImportFixture.Geometries(Gdal.ToWgs84GeoJson(shp));
        var stored = await fixture.Features(layer);
        Assert.Equal(reference.Count, stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var expected = reference[i];
            var actual = stored[i].Geometry;
            // Same type and vertices, every vertex within 1e-7° of GDAL's (ring start points may differ, so no EqualsExact).
            Assert.Equal(expected.GeometryType, actual.GeometryType);
            Assert.Equal(expected.NumPoints, actual.NumPoints);
            var distance = DiscreteHausdorffDistance.Distance(actual, expected);
            Assert.True(distance <= 1e-7, $"record {i + 1} ({encoding}): {actual} is {distance:E2}° from GDAL's {expected}");
            Assert.Equal(4326, stored[i].Geometry.SRID);

            Assert.Equal(Encoding.UTF8.GetBytes(SourceData.ArabicNames[i % SourceData.ArabicNames.Length]), Encoding.UTF8.GetBytes(stored[i].NameAr!));
            Assert.Equal(Encoding.UTF8.GetBytes($"{SourceData.ArabicNote} {i}"),
                Encoding.UTF8.GetBytes((string)stored[i].Properties[SourceData.ArabicFieldName]!));
        }
    }
}
