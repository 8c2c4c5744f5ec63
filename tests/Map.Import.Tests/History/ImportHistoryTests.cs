using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Map.Import.Tests.Fixture;

namespace Map.Import.Tests.History;

/// <summary>A replace import is recorded like any change: recorded-at before it returns the layer as it was, and the history says which import.</summary>
[Collection(ImportCollection.Name)]
public sealed class ImportHistoryTests(ImportFixture fixture)
{
    private async Task<string[]> Ids(string query)
    {
        var page = await fixture.Client.GetFromJsonAsync<JsonObject>("/collections/replaced-layer/items?limit=1000" + query);
        return [.. page!["features"]!.AsArray().Select(f => (string)f!["id"]!).Order()];
    }

    /// <remarks>
    /// A replace swaps in a new partition (#9): no row is deleted, so no trigger sees the old rows; the swap keeps the
    /// table it swaps out as history (below). Replace numbers records by their place in the file, so a record the second file still has
    /// keeps its id and gets a new version, and one it lacks is deleted.
    /// </remarks>
    [Fact]
    public async Task AReplaceImportLeavesHistoryAndRecordedAtBeforeItReturnsTheLayerAsItWas()
    {
        var folder = fixture.NewFolder("replaced");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "points", SourceData.Points), folder, "points", 4326);
        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "replaced-layer", "--mode", "replace", "--publish")).ExitCode);
        var first = await Ids("");
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var cursor = await LatestCursor();
        var smaller = fixture.ManyPoints("replaced-smaller", 2);
        Assert.Equal(0, (await fixture.Cli("import", smaller, "--layer", "replaced-layer", "--mode", "replace", "--publish")).ExitCode);
        var second = await Ids("");

        Assert.Equal(4, first.Length);
        Assert.Equal(2, second.Length);
        Assert.Subset(first.ToHashSet(), second.ToHashSet());
        var instant = Uri.EscapeDataString(between.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Assert.Equal(first, await Ids($"&recorded-at={instant}"));
        Assert.Equal(second, await Ids($"&recorded-at={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))}"));

        var kept = await Versions(second[0]);
        Assert.Equal(["created", "changed"], kept.Select(v => (string)v!["change"]!));
        var dropped = await Versions(first.Except(second).First());
        Assert.Equal(["created", "deleted"], dropped.Select(v => (string)v!["change"]!));
        foreach (var versions in new[] { kept, dropped })
        {
            Assert.All(versions, v => Assert.Equal("import", (string?)v!["origin"]));
            Assert.StartsWith("import ", (string?)versions[1]!["recordedBy"]);
            Assert.Contains("(cli (", (string?)versions[1]!["recordedBy"]); // who asked: the command line, and its OS user
            Assert.NotEqual((string?)versions[0]!["recordedBy"], (string?)versions[1]!["recordedBy"]);
        }
        Assert.Equal((string?)kept[1]!["recordedBy"], (string?)dropped[1]!["recordedBy"]);
        Assert.Equal((string?)kept[0]!["recordedTo"], (string?)kept[1]!["recordedFrom"]);

        var feed = await fixture.Client.GetFromJsonAsync<JsonObject>($"/changes?since={cursor}");
        var replaced = Assert.Single(feed!["changes"]!.AsArray(), c => (string?)c!["layer"] == "replaced-layer");
        Assert.Equal("replace", (string?)replaced!["operation"]);
        Assert.Equal(2, (int)replaced["count"]!);
    }

    /// <remarks>
    /// Copying the replaced rows into feature_history was most of a replace's time (4–10 s for 200,000 points); the table
    /// swapped out already holds them, so it becomes part of the history (an inheritance child of feature_history) with
    /// no row written. A history query of another layer does not read it.
    /// </remarks>
    [Fact]
    public async Task AReplacedTableBecomesHistoryWithoutItsRowsBeingCopied()
    {
        var folder = fixture.NewFolder("retired");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "points", SourceData.Points), folder, "points", 4326);
        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "retired-layer", "--mode", "replace")).ExitCode);
        var table = await fixture.Scalar<long>("SELECT layer_storage.partition_of('retired-layer')::oid::bigint");

        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "retired-layer", "--mode", "replace")).ExitCode);

        Assert.NotEqual(table, await fixture.Scalar<long>("SELECT layer_storage.partition_of('retired-layer')::oid::bigint"));
        Assert.Equal(1L, await fixture.Scalar<long>(
            $"SELECT count(*) FROM pg_inherits WHERE inhrelid = {table} AND inhparent = 'feature_history'::regclass"));
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM ONLY feature_history WHERE layer_id = 'retired-layer'"));
        Assert.Equal("4 versions ended by import", await fixture.Scalar<string>(
            "SELECT count(*) || ' versions ended by ' || min(end_origin) FROM feature_history WHERE layer_id = 'retired-layer' AND NOT deleted"));
        var plan = await fixture.Scalar<string>("EXPLAIN (FORMAT JSON) SELECT * FROM feature_history WHERE layer_id = 'another-layer'");
        Assert.DoesNotContain(await fixture.Scalar<string>($"SELECT relname::text FROM pg_class WHERE oid = {table}"), plan);
    }

    private async Task<long> LatestCursor()
    {
        for (long cursor = 0; ;)
        {
            var page = (await fixture.Client.GetFromJsonAsync<JsonObject>($"/changes?since={cursor}"))!;
            cursor = (long)page["cursor"]!;
            if (!(bool)page["more"]!) return cursor;
        }
    }

    private async Task<JsonArray> Versions(string id) =>
        (await fixture.Client.GetFromJsonAsync<JsonObject>($"/collections/replaced-layer/items/{id}/history"))!["versions"]!.AsArray();
}
