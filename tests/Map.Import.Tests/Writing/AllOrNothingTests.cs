using Map.Data.Model;
using Map.Import.Tests.Fixture;
using Npgsql;

namespace Map.Import.Tests.Writing;

/// <summary>An import is one transaction: readers see the layer before or after it, never in between; a failure changes nothing.</summary>
[Collection(ImportCollection.Name)]
public sealed class AllOrNothingTests(ImportFixture fixture)
{
    private string ManyPoints(string name, int count, bool lastIsBad = false)
    {
        var folder = fixture.NewFolder(name);
        var features = Enumerable.Range(0, count).Select(i => SourceData.Feature(i, "Point",
            $"[{40 + i % 100 * 0.01:0.00}, {36 + i / 100 * 0.01:0.00}]", lastIsBad && i == count - 1 ? "nobody" : "alpha", "2020-01-01", "0.5"));
        return Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, name, SourceData.Collection(features.ToArray())), folder, name, 4326);
    }

    private sealed record Observation(long Count, long Imports, Guid? ImportId);

    private static Observation Observe(string connectionString, string layer)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT import_id), min(import_id::text)::uuid FROM features WHERE layer_id = @layer", connection);
        command.Parameters.AddWithValue("layer", layer);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new Observation(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetGuid(2));
    }

    /// <summary>Queries the layer from another connection each time the import reports progress, i.e. mid-COPY, after the delete.</summary>
    private sealed class ReaderDuringImport(string connectionString, string layer) : IProgress<ImportProgress>
    {
        public List<Observation> Seen { get; } = [];
        public void Report(ImportProgress value) => Seen.Add(Observe(connectionString, layer));
    }

    [Fact]
    public async Task ReadersDuringAReplaceSeeTheOldContentsUntilTheCommitAndTheNewOnesAfter()
    {
        var layer = "replace-readers";
        var first = await fixture.Cli("import", ManyPoints("old", 2500), "--layer", layer);
        Assert.Equal(0, first.ExitCode);
        var old = Observe(fixture.ConnectionString, layer);
        Assert.Equal(new Observation(2500, 1, old.ImportId), old);

        var reader = new ReaderDuringImport(fixture.ConnectionString, layer);
        var report = await new ImportPipeline(fixture.DataSource, TimeProvider.System).RunAsync(new ImportRequest
        {
            InputPath = ManyPoints("new", 6000), Layer = layer, Mode = ImportMode.Replace,
        }, reader);

        Assert.Equal(2500, report.Removed);
        Assert.True(reader.Seen.Count >= 3, "the reader looked during the import");
        Assert.All(reader.Seen, seen => Assert.Equal(old, seen));
        Assert.Equal(new Observation(6000, 1, report.ImportId), Observe(fixture.ConnectionString, layer));
    }

    [Fact]
    public async Task AReplaceThatFailsOnItsLastRecordLeavesLayersAndFeaturesExactlyAsTheyWere()
    {
        Assert.Equal(0, (await fixture.Cli("import", ManyPoints("keep", 300), "--layer", "replace-fails")).ExitCode);
        var before = await fixture.Snapshot();

        var result = await fixture.Cli("import", ManyPoints("broken", 3000, lastIsBad: true), "--layer", "replace-fails", "--mode", "replace");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("record 3000: unknown actor 'nobody'", result.Error);
        Assert.Equal(before, await fixture.Snapshot());
        Assert.Equal("Failed", await fixture.Scalar<string>(
            "SELECT status FROM imports WHERE layer_id = 'replace-fails' ORDER BY started_at DESC LIMIT 1"));
    }

    [Fact]
    public async Task AppendAddsToALayerAndReplaceLeavesExactlyTheFile()
    {
        var shp = ManyPoints("modes", 4);
        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "modes")).ExitCode);
        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "modes", "--mode", "append")).ExitCode);
        Assert.Equal(8L, await fixture.Scalar<long>("SELECT count(*) FROM features WHERE layer_id = 'modes'"));

        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "modes", "--mode", "replace")).ExitCode);
        Assert.Equal(4L, await fixture.Scalar<long>("SELECT count(*) FROM features WHERE layer_id = 'modes'"));
    }

    [Fact]
    public async Task ANewLayerIsCreatedAsAPresenceLayerAndEveryImportTouchesItsUpdatedAt()
    {
        var shp = ManyPoints("touch", 3);
        var result = await fixture.Cli("import", shp, "--layer", "brand-new", "--json");
        Assert.Contains("\"layerCreated\":true", result.Output);
        Assert.Equal("Presence", await fixture.Scalar<string>("SELECT role FROM layers WHERE id = 'brand-new'"));
        Assert.Equal("Point", await fixture.Scalar<string>("SELECT geometry_kind FROM layers WHERE id = 'brand-new'"));
        var stamp = await fixture.Scalar<DateTime>("SELECT updated_at FROM layers WHERE id = 'brand-new'");

        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "brand-new")).ExitCode);

        Assert.True(await fixture.Scalar<DateTime>("SELECT updated_at FROM layers WHERE id = 'brand-new'") > stamp);
    }

    [Fact]
    public async Task AnImportIsRecordedAndItsFeaturesCarryItsIdAndDeterministicIds()
    {
        var result = await fixture.Cli("import", ManyPoints("recorded", 3), "--layer", "recorded", "--json");
        var report = System.Text.Json.JsonSerializer.Deserialize<ImportReport>(result.Output, ImportReport.Json)!;

        var row = await fixture.Scalar<string>(
            "SELECT status || ' ' || records_read || ' ' || features_imported || ' ' || source_crs || ' ' || encoding || ' ' || file_name " +
            "FROM imports WHERE id = @id",
            ("id", report.ImportId));
        Assert.Equal("Succeeded 3 3 EPSG:4326 (WGS 84) UTF-8 (.cpg) recorded.shp", row);
        var features = await fixture.Features("recorded");
        Assert.All(features, f => Assert.Equal(report.ImportId, f.ImportId));
        var prefix = $"recorded-{report.ImportId.ToString("N")[..8]}-";
        Assert.Equal([prefix + "1", prefix + "2", prefix + "3"], features.Select(f => f.Id));
    }

    [Fact]
    public async Task ADryRunReadsAndReportsButWritesNothing()
    {
        var before = await fixture.Snapshot();
        var imports = await fixture.Scalar<long>("SELECT count(*) FROM imports");

        var result = await fixture.Cli("import", ManyPoints("dry", 5), "--layer", "dry-layer", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("5 read, 5 would be imported", result.Output);
        Assert.Equal(before, await fixture.Snapshot());
        Assert.Equal(imports, await fixture.Scalar<long>("SELECT count(*) FROM imports"));
    }

    [Fact]
    public async Task IdsFromAnIdFieldMustBeUniqueInTheFileAndInTheDatabase()
    {
        var folder = fixture.NewFolder("ids");
        string Shapefile(string name, params string[] ids) => Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, name, SourceData.Collection(
            ids.Select((id, i) => SourceData.Feature(i, "Point", "[41, 37]", "alpha", "2020-01-01", "0.5")
                .Replace("\"count\":", $"\"fid\":\"{id}\",\"count\":")).ToArray())),
            folder, name, 4326);

        Assert.Equal(0, (await fixture.Cli("import", Shapefile("one", "site-a", "site-b"), "--layer", "ids", "--id-field", "fid")).ExitCode);
        Assert.Equal(["site-a", "site-b"], (await fixture.Features("ids")).Select(f => f.Id));
        var before = await fixture.Snapshot();

        var twice = await fixture.Cli("import", Shapefile("two", "site-c", "site-c"), "--layer", "ids", "--id-field", "fid");
        var existing = await fixture.Cli("import", Shapefile("three", "site-d", "site-a"), "--layer", "ids", "--id-field", "fid");

        Assert.Contains("record 2: the id 'site-c' is used by an earlier record too", twice.Error);
        Assert.Contains("error [duplicate-feature-id]", existing.Error);
        Assert.Contains("site-a", existing.Error);
        Assert.Equal(before, await fixture.Snapshot());
    }
}
