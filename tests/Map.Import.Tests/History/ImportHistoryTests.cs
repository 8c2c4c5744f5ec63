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

    [Fact]
    public async Task RecordedAtBeforeAReplaceImportReturnsTheLayerAsItWas()
    {
        var folder = fixture.NewFolder("replaced");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "points", SourceData.Points), folder, "points", 4326);
        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "replaced-layer", "--mode", "replace", "--publish")).ExitCode);
        var first = await Ids("");
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        Assert.Equal(0, (await fixture.Cli("import", shp, "--layer", "replaced-layer", "--mode", "replace", "--publish")).ExitCode);
        var second = await Ids("");

        Assert.Equal(4, first.Length);
        Assert.Empty(first.Intersect(second));
        var instant = Uri.EscapeDataString(between.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Assert.Equal(first, await Ids($"&recorded-at={instant}"));

        var history = await fixture.Client.GetFromJsonAsync<JsonObject>($"/collections/replaced-layer/items/{first[0]}/history");
        var versions = history!["versions"]!.AsArray();
        Assert.Equal(["created", "deleted"], versions.Select(v => (string)v!["change"]!));
        Assert.All(versions, v => Assert.Equal("import", (string?)v!["origin"]));
        Assert.StartsWith("import ", (string?)versions[1]!["recordedBy"]);
        Assert.NotEqual((string?)versions[0]!["recordedBy"], (string?)versions[1]!["recordedBy"]);
    }
}
