using System.Text;
using Map.Import.Tests.Fixture;

namespace Map.Import.Tests.Mapping;

/// <summary>DBF fields become model attributes as mapped; everything else lands in properties under its own name.</summary>
[Collection(ImportCollection.Name)]
public sealed class MappingTests(ImportFixture fixture)
{
    private string Points(string name, int epsg = 4326, string encoding = "UTF-8")
    {
        var folder = fixture.NewFolder(name);
        return Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, name, SourceData.Points), folder, name, epsg, encoding);
    }

    [Fact]
    public async Task TheUsualFieldNamesAreFoundAndTheirValuesRead()
    {
        Assert.Equal(0, (await fixture.Cli("import", Points("usual"), "--layer", "usual")).ExitCode);
        var features = await fixture.Features("usual");

        Assert.Equal(["alpha", "beta", "alpha", "beta"], features.Select(f => f.ActorId));
        Assert.Equal(["Site 0", "Site 1", "Site 2", "Site 3"], features.Select(f => f.Name));
        Assert.Equal([new DateOnly(2019, 10, 1), new DateOnly(2020, 3, 15), new DateOnly(2020, 5, 1), new DateOnly(2021, 1, 1)],
            features.Select(f => f.ValidFrom));
        Assert.Equal(["Day", "Day", "Month", "Year"], features.Select(f => f.DatePrecision));
        Assert.Equal([0.8, 0.9, 0.75, 0.3], features.Select(f => f.Confidence));
        Assert.Contains("\"url\": \"https://example.org/report/0\"", features[0].Sources);
        Assert.Equal(30L, (long)features[3].Properties["count"]!);
        Assert.False(features[0].Properties.ContainsKey("name_ar"), "mapped fields are not repeated in properties");
    }

    [Fact]
    public async Task AMappingFileAndOptionsNameTheFieldsAndDefaultsWithOptionsWinning()
    {
        var folder = fixture.NewFolder("mapfile");
        var mapping = Path.Combine(folder, "mapping.json");
        await File.WriteAllTextAsync(mapping, """
            { // which field is what
              "fields": { "name": "name_ar", "nameAr": "name", "actor": "actor", "validFrom": "valid_from", "kind": "count" },
              "defaults": { "confidence": 0.4, "validTo": "2024-12-31" }
            }
            """);

        var result = await fixture.Cli("import", Points("mapfile"), "--layer", "mapfile", "--mapping", mapping,
            "--confidence-field", "confidence", "--kind-field", "name");

        Assert.Equal(0, result.ExitCode);
        var first = (await fixture.Features("mapfile"))[0];
        Assert.Equal(SourceData.ArabicNames[0], first.Name);
        Assert.Equal("Site 0", first.NameAr);
        Assert.Equal(0.8, first.Confidence);
        Assert.Equal(0L, (long)first.Properties["count"]!);
    }

    [Fact]
    public async Task AFieldThatIsNotInTheFileIsAnErrorThatListsTheFields()
    {
        var result = await fixture.Cli("import", Points("nofield"), "--layer", "nofield", "--actor-field", "force_name");
        Assert.Contains("error [unknown-field]: The actor field 'force_name' is not in the file; " +
            "its fields are: name, name_ar, actor, kind, valid_from, confidence, source, مصدر, count.", result.Error);
    }

    [Fact]
    public async Task WithoutADateFieldOrDefaultTheImportSaysWhatToGive()
    {
        var folder = fixture.NewFolder("nodate");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "nodate", """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"label":"x"},"geometry":{"type":"Point","coordinates":[41,37]}}]}
            """), folder, "nodate", 4326);

        var refused = await fixture.Cli("import", shp, "--layer", "nodate");
        var given = await fixture.Cli("import", shp, "--layer", "nodate",
            "--valid-from", "01/02/2020", "--confidence", "60%", "--actor", "beta", "--kind", "outpost");

        Assert.Contains("error [invalid-option]: No start date", refused.Error);
        Assert.Equal(0, given.ExitCode);
        var feature = (await fixture.Features("nodate"))[0];
        Assert.Equal((new DateOnly(2020, 2, 1), 0.6, "beta", "nodate #1"), (feature.ValidFrom, feature.Confidence, feature.ActorId, feature.Name));
    }

    [Fact]
    public async Task AConfidenceAboveOneIsAWholePercentageOrAnErrorNeverAGuess()
    {
        var folder = fixture.NewFolder("conf");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "conf", """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"label":"x"},"geometry":{"type":"Point","coordinates":[41,37]}}]}
            """), folder, "conf", 4326);
        async Task<double> Stored(string confidence)
        {
            var result = await fixture.Cli("import", shp, "--layer", "conf", "--mode", "replace", "--valid-from", "2020-01-01", "--confidence", confidence);
            Assert.True(result.ExitCode == 0, result.Error);
            return (await fixture.Features("conf"))[0].Confidence;
        }

        var refused = await fixture.Cli("import", shp, "--layer", "conf", "--valid-from", "2020-01-01", "--confidence", "1.5");

        Assert.Equal("error [invalid-option]: --confidence '1.5': 1.5 is not a confidence: give a number from 0 to 1, " +
            "a whole percentage from 2 to 100, or a percentage with % (e.g. 62.5%).", refused.Error.Trim());
        double[] stored = [await Stored("1"), await Stored("75"), await Stored("62.5%"), await Stored("1.5%")];
        Assert.Equal([1, 0.75, 0.625, 0.015], stored);
    }

    [Fact]
    public async Task CodePage1256IsReadFromTheLanguageDriverByteWhenThereIsNoCpg()
    {
        var shp = Points("ldid", encoding: "CP1256");
        File.Delete(Path.ChangeExtension(shp, ".cpg"));
        var dbf = Path.ChangeExtension(shp, ".dbf");
        var bytes = await File.ReadAllBytesAsync(dbf);
        bytes[29] = 0x7E; // ESRI language driver id of Windows-1256 (Arabic)
        await File.WriteAllBytesAsync(dbf, bytes);

        var result = await fixture.Cli("import", shp, "--layer", "ldid", "--json");

        Assert.Contains("\"encoding\":\"WINDOWS-1256 (DBF language driver 0x7E)\"", result.Output);
        Assert.Equal(Encoding.UTF8.GetBytes(SourceData.ArabicNames[1]), Encoding.UTF8.GetBytes((await fixture.Features("ldid"))[1].NameAr!));
    }

    [Fact]
    public async Task WithoutACpgArabicCp1256TextIsRefusedAsNotUtf8UnlessTheEncodingIsNamed()
    {
        var shp = Points("override", encoding: "CP1256");
        File.Delete(Path.ChangeExtension(shp, ".cpg"));
        var refused = await fixture.ExpectAFailedImportRow("encoding-mismatch", () => fixture.Cli("import", shp, "--layer", "override"));
        Assert.Contains("error [encoding-mismatch]", refused.Error);
        Assert.Contains("is not valid utf-8 text, so the encoding is wrong; name the right one with --encoding", refused.Error);

        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "override", "--encoding", "windows-1256")).ExitCode);
        Assert.Equal(Encoding.UTF8.GetBytes($"{SourceData.ArabicNote} 2"),
            Encoding.UTF8.GetBytes((string)(await fixture.Features("override"))[2].Properties[SourceData.ArabicFieldName]!));
    }

    [Fact]
    public async Task NullShapesAreReportedAndLeftOutAndZValuesAreDropped()
    {
        var folder = fixture.NewFolder("nullz");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "nullz", SourceData.Collection(
            SourceData.Feature(0, "Point", "[41, 37, 450]", "alpha", "2020-01-01", "0.5"),
            SourceData.Feature(1, "Point", "[41.5, 36.5, 380]", "alpha", "2020-01-01", "0.5")
                .Replace("{\"type\":\"Point\",\"coordinates\":[41.5, 36.5, 380]}", "null"))),
            folder, "nullz", 32637);

        var result = await fixture.Cli("import", shp, "--layer", "nullz", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"nullShapes\":1", result.Output);
        Assert.Contains("Record 2 has no shape (a null shape) and was left out.", result.Output);
        Assert.Contains("only X and Y are stored", result.Output);
        var stored = Assert.Single(await fixture.Features("nullz"));
        Assert.True(double.IsNaN(stored.Geometry.Coordinate.Z));
        Assert.Equal(41, stored.Geometry.Coordinate.X, 1e-7);
    }

    [Fact]
    public async Task InvalidPolygonsAreRepairedAndCountedOrRejectedOnRequest()
    {
        var folder = fixture.NewFolder("bowtie");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "bowtie", SourceData.Collection(
            SourceData.Feature(0, "Polygon", "[[[40, 36], [41, 37], [41, 36], [40, 37], [40, 36]]]", "alpha", "2020-01-01", "0.5"))), folder, "bowtie", 4326);

        var rejected = await fixture.Cli("import", shp, "--layer", "bowtie", "--invalid-geometries", "reject");
        var fixedUp = await fixture.Cli("import", shp, "--layer", "bowtie", "--json");

        Assert.Contains("record 1: invalid geometry: Self-intersection", rejected.Error);
        Assert.Contains("\"geometriesFixed\":1", fixedUp.Output);
        Assert.Contains("\"repairs\":[{\"record\":1,\"repair\":\"invalid Polygon (Self-intersection at 40.5 36.5) repaired into a valid MultiPolygon\"}]",
            fixedUp.Output);
        var stored = Assert.Single(await fixture.Features("bowtie"));
        Assert.True(stored.Geometry.IsValid);
        Assert.Equal(0.5, stored.Geometry.Area, 1e-9);
    }

    [Fact]
    public async Task ACoordinateSystemThatDoesNotFitTheDataIsCaughtPerRecord()
    {
        var shp = Points("wrongcrs", epsg: 32637);
        var result = await fixture.Cli("import", shp, "--layer", "wrongcrs", "--source-crs", "EPSG:4326");
        Assert.Contains("are not longitude/latitude after conversion from EPSG:4326 (WGS 84); is the coordinate system right?", result.Error);
    }

    /// <summary>SHA-256 test vectors published in FIPS 180-2 (appendix B.1 and B.2).</summary>
    [Theory]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public async Task HashKeyPrintsThePublishedSha256OfTheKey(string key, string sha256)
    {
        var result = await fixture.Cli("hash-key", key);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(sha256, result.Output.Trim());
    }
}
