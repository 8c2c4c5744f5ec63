using Map.Data.Model;
using Map.Import.Tests.Fixture;
using Map.Import.Writing;
using Npgsql;

namespace Map.Import.Tests.Writing;

/// <summary>
/// How an import's rows reach its layer: a replace builds a new table apart and swaps it in for the layer's partition;
/// an append rebuilds a small layer the same way and writes into a large one in place. Every way leaves an exact count
/// and fresh statistics, and a geometry kind the layer can hold.
/// </summary>
[Collection(ImportCollection.Name)]
public sealed class LayerWriteTests(ImportFixture fixture)
{
    private Task<ImportReport> Import(string shp, string layer, ImportMode mode) =>
        fixture.Imports.RunAsync(new ImportRequest { InputPath = shp, Layer = layer, Mode = mode });

    private Task<string> Counted(string layer) => fixture.Scalar<string>(
        "SELECT l.feature_count || '/' || (SELECT count(*) FROM features f WHERE f.layer_id = l.id) || '/' || c.reltuples::bigint " +
        "FROM layers l JOIN pg_class c ON c.oid = layer_storage.partition_of(l.id) WHERE l.id = @layer", ("layer", layer));

    [Fact]
    public async Task AReplaceSwapsANewTableInForTheLayersPartitionAndDropsTheOldOne()
    {
        Assert.Null((await Import(fixture.ManyPoints("swap-a", 40), "swap", ImportMode.Replace)).Error);
        var before = await fixture.Partition("swap");

        var report = await Import(fixture.ManyPoints("swap-b", 60), "swap", ImportMode.Replace);

        Assert.Equal((LayerWriteMethod.Swap, 40, 60), (report.WriteMethod!.Value, report.Removed, report.Imported));
        Assert.NotEqual(before, await fixture.Partition("swap"));
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM pg_class WHERE oid = to_regclass(@old)", ("old", before)));
        Assert.Equal("60/60/60", await Counted("swap"));
    }

    [Fact]
    public async Task AnAppendRebuildsASmallLayerAndWritesIntoALargeOneInPlaceEachWithAnExactCountAndFreshStatistics()
    {
        var small = fixture.ManyPoints("append-small", 20);
        Assert.Equal(LayerWriteMethod.Swap, (await Import(fixture.ManyPoints("append-base", 400), "appends", ImportMode.Append)).WriteMethod);

        var inPlace = await Import(small, "appends", ImportMode.Append);
        Assert.Equal(LayerWriteMethod.InPlace, inPlace.WriteMethod);
        Assert.Equal("420/420/420", await Counted("appends"));

        var rebuilt = await Import(fixture.ManyPoints("append-big", 500), "appends", ImportMode.Append);
        Assert.Equal(LayerWriteMethod.Rebuild, rebuilt.WriteMethod);
        Assert.Equal("920/920/920", await Counted("appends"));
        Assert.Equal(3L, await fixture.Scalar<long>("SELECT count(DISTINCT import_id) FROM features WHERE layer_id = 'appends'"));
    }

    [Fact]
    public async Task AFailedImportLeavesTheCountAndLeavesNoTableBehind()
    {
        Assert.Null((await Import(fixture.ManyPoints("count-keep", 300), "count-fails", ImportMode.Replace)).Error);

        var replace = await Import(fixture.ManyPoints("count-bad", 400, lastIsBad: true), "count-fails", ImportMode.Replace);
        var append = await Import(fixture.ManyPoints("count-bad-small", 10, lastIsBad: true), "count-fails", ImportMode.Append);

        Assert.Equal(ImportErrors.InvalidRecords, replace.Error?.Code);
        Assert.Equal(ImportErrors.InvalidRecords, append.Error?.Code);
        Assert.Equal("300/300/300", await Counted("count-fails"));
        Assert.Equal(0L, await fixture.LooseTables());
    }

    [Fact]
    public async Task AppendingFeaturesOfAnotherGeometryKindIsRefusedUnlessTheLayerIsMixed()
    {
        var folder = fixture.NewFolder("kinds");
        var lines = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "lines", SourceData.Lines), folder, "lines", 4326);
        Assert.Null((await Import(fixture.ManyPoints("kind-points", 5), "kinds", ImportMode.Append)).Error);
        var before = await fixture.Snapshot();

        var refused = await fixture.Cli("import", lines, "--layer", "kinds");
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("error [geometry-kind-mismatch]: Layer 'kinds' holds point features and the file holds line features; " +
            "an append cannot mix them. Import into another layer, or replace the layer (--mode replace).", refused.Error);
        Assert.Equal(before, await fixture.Snapshot());

        await fixture.Scalar<int>("UPDATE layers SET geometry_kind = 'Mixed' WHERE id = 'kinds' RETURNING 1");
        Assert.Null((await Import(lines, "kinds", ImportMode.Append)).Error);
        Assert.Equal(7L, await fixture.Scalar<long>("SELECT feature_count FROM layers WHERE id = 'kinds'"));
    }

    [Fact]
    public async Task AReplaceWithAnotherGeometryKindMakesTheLayerThatKindAndSaysSo()
    {
        var folder = fixture.NewFolder("rekind");
        var polygons = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "polygons", SourceData.Polygons), folder, "polygons", 4326);
        Assert.Null((await Import(fixture.ManyPoints("rekind-points", 5), "rekind", ImportMode.Replace)).Error);

        var report = await Import(polygons, "rekind", ImportMode.Replace);

        Assert.Null(report.Error);
        Assert.Contains("The layer held point features; it now holds the file's polygon features.", report.Warnings);
        Assert.Equal("Polygon", await fixture.Scalar<string>("SELECT geometry_kind FROM layers WHERE id = 'rekind'"));
    }

    [Fact]
    public async Task TheSwapGivesWayToALongReadInsteadOfMakingEveryOtherReaderWaitBehindIt()
    {
        Assert.Null((await Import(fixture.ManyPoints("busy-a", 50), "busy", ImportMode.Replace)).Error);
        await using var longRead = new NpgsqlConnection(fixture.ConnectionString);
        await longRead.OpenAsync();
        await using var readTransaction = await longRead.BeginTransactionAsync();
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM features WHERE layer_id = 'busy'", longRead)) await read.ExecuteScalarAsync();

        var import = Import(fixture.ManyPoints("busy-b", 80), "busy", ImportMode.Replace);
        await WaitForSwapAttemptAsync();
        var other = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(50L, await fixture.Scalar<long>("SELECT count(*) FROM features WHERE layer_id = 'busy'"));
        other.Stop();
        Assert.False(import.IsCompleted, "the swap waits while the long read holds features");
        await readTransaction.CommitAsync();
        var report = await import;

        Assert.Null(report.Error);
        Assert.Equal("80/80/80", await Counted("busy"));
        // Each attempt that gave way undid its copy of the replaced rows into the history; the one that swapped kept them once.
        Assert.Equal(50L, await fixture.Scalar<long>("SELECT count(*) FROM feature_history WHERE layer_id = 'busy'"));
        Assert.True(other.Elapsed < 2 * LayerLock.SwapLockTimeout + TimeSpan.FromSeconds(1),
            $"another reader waited {other.Elapsed.TotalMilliseconds:0} ms behind the swap");
    }

    /// <summary>Until the import's swap is seen waiting for its lock on features (so the build apart is done).</summary>
    private async Task WaitForSwapAttemptAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            var waiting = await fixture.Scalar<long>(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'features'::regclass AND mode = 'AccessExclusiveLock'");
            if (waiting > 0) return;
            await Task.Delay(50);
        }
        Assert.Fail("the import never tried to swap");
    }
}
