using System.IO.Compression;
using Map.Import.Tests.Fixture;

namespace Map.Import.Tests.Errors;

/// <summary>Each damaged or incomplete input is refused with its own code and message, and nothing is written.</summary>
[Collection(ImportCollection.Name)]
public sealed class BadFileTests(ImportFixture fixture)
{
    private string GoodShapefile(string name, int epsg = 32637)
    {
        var folder = fixture.NewFolder(name);
        return Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "points", SourceData.Points), folder, "points", epsg);
    }

    /// <summary>The import is refused with the code and message; it leaves nothing but its own Failed imports row.</summary>
    private async Task<string> AssertRefused(string code, string message, params string[] args)
    {
        var result = await fixture.ExpectAFailedImportRow(code, () => fixture.Cli(args));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error [{code}]", result.Error);
        Assert.Contains(message, result.Error);
        return result.Error;
    }

    [Fact]
    public async Task ATruncatedShpIsRefused()
    {
        var shp = GoodShapefile("truncated");
        var bytes = await File.ReadAllBytesAsync(shp);
        await File.WriteAllBytesAsync(shp, bytes[..^10]);
        await AssertRefused(ImportErrors.ShpTruncated, "the .shp file is truncated", "import", shp, "--layer", "bad");
    }

    [Fact]
    public async Task ARandomShpIsRefused()
    {
        var shp = GoodShapefile("random");
        await File.WriteAllBytesAsync(shp, Enumerable.Range(0, 4000).Select(i => (byte)(i * 7919 % 251)).ToArray());
        await AssertRefused(ImportErrors.ShpInvalid, "the .shp file is not a shapefile", "import", shp, "--layer", "bad");
    }

    [Fact]
    public async Task AMissingShxIsRefused()
    {
        var shp = GoodShapefile("noshx");
        File.Delete(Path.ChangeExtension(shp, ".shx"));
        await AssertRefused(ImportErrors.ShxMissing, "the .shx index file is missing", "import", shp, "--layer", "bad");
    }

    [Fact]
    public async Task AMissingDbfIsRefused()
    {
        var shp = GoodShapefile("nodbf");
        File.Delete(Path.ChangeExtension(shp, ".dbf"));
        await AssertRefused(ImportErrors.DbfMissing, "the .dbf attribute file is missing", "import", shp, "--layer", "bad");
    }

    [Fact]
    public async Task AGarbageDbfIsRefused()
    {
        var shp = GoodShapefile("garbagedbf");
        await File.WriteAllTextAsync(Path.ChangeExtension(shp, ".dbf"), "this is not a dBASE table, just some text that a tool wrote by mistake");
        await AssertRefused(ImportErrors.DbfInvalid, "is not a valid dBASE table", "import", shp, "--layer", "bad");
    }

    [Fact]
    public async Task ATruncatedDbfIsRefused()
    {
        var shp = GoodShapefile("shortdbf");
        var dbf = Path.ChangeExtension(shp, ".dbf");
        var bytes = await File.ReadAllBytesAsync(dbf);
        await File.WriteAllBytesAsync(dbf, bytes[..^200]);
        await AssertRefused(ImportErrors.DbfInvalid, "it is truncated", "import", shp, "--layer", "bad");
    }

    [Fact]
    public async Task AnUnreadablePrjIsRefused()
    {
        var shp = GoodShapefile("badprj");
        await File.WriteAllTextAsync(Path.ChangeExtension(shp, ".prj"), "UTM 37 north, I think");
        await AssertRefused(ImportErrors.PrjUnreadable, "the .prj file cannot be read as a coordinate system", "import", shp, "--layer", "bad");
    }

    [Fact]
    public async Task AMissingPrjIsRefusedUnlessTheCrsIsNamed()
    {
        var shp = GoodShapefile("noprj");
        File.Delete(Path.ChangeExtension(shp, ".prj"));
        await AssertRefused(ImportErrors.PrjMissing, "has no .prj file, so its coordinate system is unknown", "import", shp, "--layer", "bad");

        var named = await fixture.Cli("import", shp, "--layer", "named-crs", "--source-crs", "EPSG:32637");

        Assert.Equal(0, named.ExitCode);
        var first = (await fixture.Features("named-crs"))[0].Geometry.Coordinate;
        Assert.Equal(41.9234567, first.X, 1e-7);
        Assert.Equal(37.0123456, first.Y, 1e-7);
    }

    [Fact]
    public async Task MismatchedRecordCountsAreRefused()
    {
        var shp = GoodShapefile("mismatch");
        var folder = fixture.NewFolder("three");
        var three = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "three", SourceData.Collection(
            SourceData.Feature(0, "Point", "[41, 37]", "alpha", "2020-01-01", "0.5"),
            SourceData.Feature(1, "Point", "[41, 36]", "alpha", "2020-01-01", "0.5"),
            SourceData.Feature(2, "Point", "[40, 36]", "alpha", "2020-01-01", "0.5"))), folder, "three", 32637);
        File.Copy(Path.ChangeExtension(three, ".dbf"), Path.ChangeExtension(shp, ".dbf"), overwrite: true);
        await AssertRefused(ImportErrors.RecordCountMismatch, "the .shp has 4 shapes but the .dbf has 3 attribute records", "import", shp, "--layer", "bad");
    }

    [Fact]
    public async Task AShxThatListsFewerShapesThanTheShpIsRefused()
    {
        var shp = GoodShapefile("shortshx");
        var shx = Path.ChangeExtension(shp, ".shx");
        var bytes = (await File.ReadAllBytesAsync(shx))[..^8];
        var words = bytes.Length / 2;
        (bytes[24], bytes[25], bytes[26], bytes[27]) = ((byte)(words >> 24), (byte)(words >> 16), (byte)(words >> 8), (byte)words);
        await File.WriteAllBytesAsync(shx, bytes);
        await AssertRefused(ImportErrors.RecordCountMismatch, "the .shp holds more shapes than the 3 its .shx index lists", "import", shp, "--layer", "bad");
    }

    [Fact]
    public async Task AZipThatIsNotAZipIsRefused()
    {
        var zip = Path.Combine(fixture.NewFolder("notzip"), "data.zip");
        await File.WriteAllTextAsync(zip, "PK? no, this is plain text pretending to be a zip");
        await AssertRefused(ImportErrors.NotAZip, "data.zip is not a zip archive", "import", zip, "--layer", "bad");
    }

    [Fact]
    public async Task AZipEntryThatEscapesTheExtractionFolderIsRefused()
    {
        var shp = GoodShapefile("slip");
        var zip = ImportFixture.Zip(Path.Combine(Path.GetDirectoryName(shp)!, "slip.zip"), [
            ("points.shp", shp), ("points.shx", Path.ChangeExtension(shp, ".shx")), ("points.dbf", Path.ChangeExtension(shp, ".dbf")),
            ("../../../../tmp/evil.prj", Path.ChangeExtension(shp, ".prj"))]);
        await AssertRefused(ImportErrors.ZipUnsafePath, "the entry '../../../../tmp/evil.prj' would be written outside the extraction folder",
            "import", zip, "--layer", "bad");
        Assert.False(File.Exists("/tmp/evil.prj"));
    }

    [Theory]
    [InlineData("/tmp/evil.prj")]
    [InlineData("data/../../evil.prj")]
    [InlineData("..\\..\\evil.prj")]
    [InlineData("C:\\evil\\points.prj")]
    [InlineData("C:/evil/points.prj")]
    [InlineData("\\\\server\\share\\points.prj")]
    public async Task AZipEntryWithAnAbsolutePathADriveLetterOrDotDotIsRefused(string entry)
    {
        var shp = GoodShapefile("unsafe");
        var zip = ImportFixture.Zip(Path.Combine(Path.GetDirectoryName(shp)!, "unsafe.zip"), [
            ("points.shp", shp), ("points.shx", Path.ChangeExtension(shp, ".shx")), ("points.dbf", Path.ChangeExtension(shp, ".dbf")),
            (entry, Path.ChangeExtension(shp, ".prj"))]);
        await AssertRefused(ImportErrors.ZipUnsafePath, $"the entry '{entry}' would be written outside the extraction folder",
            "import", zip, "--layer", "bad");
        Assert.False(File.Exists("/tmp/evil.prj"));
    }

    [Fact]
    public async Task AStoredEntryWhoseHeadersUnderstateItsSizeIsCountedWhileUnpackedAndRefused()
    {
        // 9 MiB stored (not deflated) while both headers claim 1,000 bytes: only the count of bytes written can catch it.
        var folder = fixture.NewFolder("lying-stored");
        var zeros = Path.Combine(folder, "zeros.shp");
        await File.WriteAllBytesAsync(zeros, new byte[9 << 20]);
        var zip = ImportFixture.Zip(Path.Combine(folder, "lying.zip"), [("lying.shp", zeros)], CompressionLevel.NoCompression);
        ImportFixture.UnderstateSize(zip, "lying.shp", 1000);
        using (var archive = ZipFile.OpenRead(zip)) Assert.Equal(1000, archive.Entries.Single().Length);

        await AssertRefused(ImportErrors.ZipTooLarge, "lying.zip inflates to more than the limit of 8,388,608 bytes",
            "import", zip, "--layer", "bad", "--max-extracted-bytes", "8388608");
    }

    [Fact]
    public async Task ADeflatedEntryWhoseHeadersUnderstateItsSizeIsCutAtTheDeclaredSizeAndRefused()
    {
        // .NET's inflater stops at the declared size, so a lying deflated entry can never inflate further: the .shp
        // arrives cut short, and the shapefile checks refuse it.
        var shp = GoodShapefile("lying-deflated");
        var zip = ImportFixture.ZipShapefile(shp, Path.Combine(Path.GetDirectoryName(shp)!, "lying.zip"));
        ImportFixture.UnderstateSize(zip, "points.shp", 120);
        await AssertRefused(ImportErrors.ShpTruncated, $"holds 120", "import", zip, "--layer", "bad");
    }

    [Fact]
    public async Task AZipThatInflatesBeyondTheLimitIsRefused()
    {
        var folder = fixture.NewFolder("bomb");
        var zeros = Path.Combine(folder, "zeros.shp");
        await File.WriteAllBytesAsync(zeros, new byte[20 << 20]);
        var zip = ImportFixture.Zip(Path.Combine(folder, "bomb.zip"), [("bomb.shp", zeros)], CompressionLevel.SmallestSize);
        Assert.True(new FileInfo(zip).Length < 200_000);
        await AssertRefused(ImportErrors.ZipTooLarge, "bomb.zip inflates to more than the limit of 8,388,608 bytes",
            "import", zip, "--layer", "bad", "--max-extracted-bytes", "8388608");
    }

    [Fact]
    public async Task RecordsWithAnUnknownActorOrAnUnreadableDateAreListedAndNothingIsImported()
    {
        var folder = fixture.NewFolder("records");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "records", SourceData.Collection(
            SourceData.Feature(0, "Point", "[41, 37]", "alpha", "2020-01-01", "0.5"),
            SourceData.Feature(1, "Point", "[41, 36]", "gamma", "2020-01-01", "0.5"),
            SourceData.Feature(2, "Point", "[40, 36]", "beta", "sometime in spring", "0.5"),
            SourceData.Feature(3, "Point", "[40, 37]", "beta", "2020-01-01", "250"))), folder, "records", 4326);

        var error = await AssertRefused(ImportErrors.InvalidRecords, "3 of 4 records cannot be imported, so nothing was imported",
            "import", shp, "--layer", "bases");

        var result = await fixture.Cli("import", shp, "--layer", "bases", "--json");
        Assert.Contains("\"record\":2,\"reason\":\"unknown actor 'gamma'", result.Output);
        Assert.Contains("\"record\":3,\"reason\":\"valid_from: 'sometime in spring' is not a date", result.Output);
        Assert.Contains("\"record\":4,\"reason\":\"confidence: 250 is not a confidence: give a number from 0 to 1", result.Output);
        Assert.Contains("record 2: unknown actor 'gamma'", error);
    }
}
