using Map.Data.Model;
using Map.Import.Tests.Fixture;
using Npgsql;

namespace Map.Import.Tests.Writing;

/// <summary>An import is all or nothing: readers see the layer before or after it, never in between; a failure changes nothing.</summary>
[Collection(ImportCollection.Name)]
public sealed class AllOrNothingTests(ImportFixture fixture)
{
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

    /// <summary>Queries the layer from another connection, again and again, until stopped: before, during and after an import.</summary>
    private static async Task<List<Observation>> ReadUntil(string connectionString, string layer, Task import)
    {
        var seen = new List<Observation>();
        while (!import.IsCompleted)
        {
            seen.Add(Observe(connectionString, layer));
            await Task.Delay(5);
        }
        seen.Add(Observe(connectionString, layer));
        return seen;
    }

    [Fact]
    public async Task ReadersDuringAReplaceSeeTheWholeOldLayerUntilTheSwapAndTheWholeNewOneAfter()
    {
        var layer = "replace-readers";
        var first = await fixture.Cli("import", fixture.ManyPoints("old", 2500), "--layer", layer, "--mode", "replace");
        Assert.Equal(0, first.ExitCode);
        var old = Observe(fixture.ConnectionString, layer);
        Assert.Equal(new Observation(2500, 1, old.ImportId), old);

        var import = fixture.Imports.RunAsync(new ImportRequest { InputPath = fixture.ManyPoints("new", 6000), Layer = layer, Mode = ImportMode.Replace });
        var seen = await ReadUntil(fixture.ConnectionString, layer, import);
        var report = await import;

        Assert.Null(report.Error);
        Assert.Equal(2500, report.Removed);
        var replaced = new Observation(6000, 1, report.ImportId);
        Assert.All(seen, observation => Assert.True(observation == old || observation == replaced, $"a reader saw {observation}"));
        Assert.True(seen.Count(o => o == old) >= 3, "readers looked while the new contents were being built");
        Assert.Equal(replaced, seen[^1]);
        Assert.Equal(seen.TakeWhile(o => o == old).Count(), seen.Count - seen.Count(o => o == replaced));
    }

    [Fact]
    public async Task AReplaceThatFailsOnItsLastRecordLeavesLayersAndFeaturesExactlyAsTheyWere()
    {
        Assert.Equal(0, (await fixture.Cli("import", fixture.ManyPoints("keep", 300), "--layer", "replace-fails")).ExitCode);
        var before = await fixture.Snapshot();

        var result = await fixture.Cli("import", fixture.ManyPoints("broken", 3000, lastIsBad: true), "--layer", "replace-fails", "--mode", "replace");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("record 3000: unknown actor 'nobody'", result.Error);
        Assert.Equal(before, await fixture.Snapshot());
        Assert.Equal("Failed", await fixture.Scalar<string>(
            "SELECT status FROM imports WHERE layer_id = 'replace-fails' ORDER BY started_at DESC LIMIT 1"));
        Assert.Equal(0L, await fixture.LooseTables());
    }

    [Fact]
    public async Task AppendAddsToALayerAndReplaceLeavesExactlyTheFile()
    {
        var shp = fixture.ManyPoints("modes", 4);
        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "modes")).ExitCode);
        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "modes", "--mode", "append")).ExitCode);
        Assert.Equal(8L, await fixture.Scalar<long>("SELECT count(*) FROM features WHERE layer_id = 'modes'"));

        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "modes", "--mode", "replace")).ExitCode);
        Assert.Equal(4L, await fixture.Scalar<long>("SELECT count(*) FROM features WHERE layer_id = 'modes'"));
    }

    [Fact]
    public async Task ANewLayerIsCreatedAsAPresenceLayerAndEveryImportTouchesItsUpdatedAt()
    {
        var shp = fixture.ManyPoints("touch", 3);
        var result = await fixture.Cli("import", shp, "--layer", "brand-new", "--json");
        Assert.Contains("\"layerCreated\":true", result.Output);
        Assert.Equal("Presence", await fixture.Scalar<string>("SELECT role FROM layers WHERE id = 'brand-new'"));
        Assert.Equal("Point", await fixture.Scalar<string>("SELECT geometry_kind FROM layers WHERE id = 'brand-new'"));
        var stamp = await fixture.Scalar<DateTime>("SELECT updated_at FROM layers WHERE id = 'brand-new'");

        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "brand-new")).ExitCode);

        Assert.True(await fixture.Scalar<DateTime>("SELECT updated_at FROM layers WHERE id = 'brand-new'") > stamp);
    }

    [Fact]
    public async Task ReimportingTheSameFileInReplaceModeKeepsEveryFeatureId()
    {
        var shp = fixture.ManyPoints("same-ids", 3);

        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "same-ids", "--mode", "replace")).ExitCode);
        var first = (await fixture.Features("same-ids")).Select(f => f.Id).ToList();
        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "same-ids", "--mode", "replace")).ExitCode);

        Assert.Equal(["same-ids-1", "same-ids-2", "same-ids-3"], first);
        Assert.Equal(first, (await fixture.Features("same-ids")).Select(f => f.Id));
    }

    [Fact]
    public async Task AnImportIsRecordedAndItsFeaturesCarryItsIdAndDeterministicIds()
    {
        var result = await fixture.Cli("import", fixture.ManyPoints("recorded", 3), "--layer", "recorded", "--json");
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

        var result = await fixture.Cli("import", fixture.ManyPoints("dry", 5), "--layer", "dry-layer", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("5 read, 5 would be imported", result.Output);
        Assert.Contains("dry-layer (append, would be created)", result.Output);
        Assert.Equal(before, await fixture.Snapshot());
        Assert.Equal(imports, await fixture.Scalar<long>("SELECT count(*) FROM imports"));
    }

    [Fact]
    public async Task ADryRunRefusesIdsTheLayerAlreadyHoldsAsTheImportWould()
    {
        var folder = fixture.NewFolder("dry-ids");
        string Shapefile(string name, params string[] ids) => Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, name, SourceData.Collection(
            ids.Select((id, i) => SourceData.Feature(i, "Point", "[41, 37]", "alpha", "2020-01-01", "0.5")
                .Replace("\"count\":", $"\"fid\":\"{id}\",\"count\":")).ToArray())),
            folder, name, 4326);
        Assert.Equal(0, (await fixture.Cli("import", Shapefile("held", "site-a", "site-b"), "--layer", "dry-ids", "--id-field", "fid")).ExitCode);
        var before = await fixture.Snapshot();
        var next = Shapefile("next", "site-b", "site-c");

        var dry = await fixture.Cli("import", next, "--layer", "dry-ids", "--id-field", "fid", "--dry-run", "--json");
        var real = await fixture.Cli("import", next, "--layer", "dry-ids", "--id-field", "fid");

        Assert.Equal(1, dry.ExitCode);
        const string refusal = "error [duplicate-feature-id]: Feature ids from the file already exist in layer 'dry-ids' (site-b); " +
            "ids must be unique within a layer. Nothing was imported.";
        Assert.StartsWith(refusal, dry.Error);
        Assert.StartsWith(refusal, real.Error);
        Assert.Equal(before, await fixture.Snapshot());
        Assert.Equal(0, (await fixture.Cli("import", next, "--layer", "dry-ids", "--id-field", "fid", "--mode", "replace", "--dry-run")).ExitCode);
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
