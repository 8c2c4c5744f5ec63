using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Map.Data;
using Map.Import.Seeding;
using Map.Testing;
using Microsoft.EntityFrameworkCore;

namespace Map.IntegrationTests.Living;

/// <summary>The seeder keeps history like any writer, and never overwrites (or brings back) what an edit made: edits win.</summary>
[Collection(LivingCollection.Name)]
public sealed class SeedAndEditsTests(LivingFixture living)
{
    /// <summary>A copy of the fixture geodata with some names of bases.geojson changed, as a new commit of geodata/ would.</summary>
    private static string GeodataWithNames(params (string Id, string Name)[] names)
    {
        var folder = Directory.CreateTempSubdirectory("map-living-geodata-").FullName;
        foreach (var file in Directory.GetFiles(MapApplication.FixtureGeodata, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(MapApplication.FixtureGeodata, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var bases = Path.Combine(folder, "layers", "bases.geojson");
        var collection = JsonNode.Parse(File.ReadAllText(bases))!;
        foreach (var (id, name) in names)
            collection["features"]!.AsArray().Single(f => (string?)f!["id"] == id)!["properties"]!["name"] = name;
        File.WriteAllText(bases, collection.ToJsonString());
        return folder;
    }

    private async Task<SeedReport> Seed(string geodata)
    {
        var options = new DbContextOptionsBuilder<MapDbContext>();
        MapDataRegistration.Configure(options, living.DataSource);
        await using var db = new MapDbContext(options.Options);
        return await new GeodataSeeder(db, TimeProvider.System).SeedAsync(new GeodataFiles(geodata));
    }

    [Fact]
    public async Task ASeederRunKeepsTheOldVersionAndLeavesEditedFeaturesAsTheEditsMadeThem()
    {
        var (_, etag) = await living.Read("/collections/bases/items/ended-2018");
        using (var patch = await living.Write(HttpMethod.Patch, "/collections/bases/items/ended-2018", JsonNode.Parse("""
            {"properties": {"name": "Corrected by an editor",
             "sources": [{"title": "c", "url": "https://example.org/c", "published": "2025-06-01"}]}}
            """), living.EditorKey, etag, contentType: "application/merge-patch+json"))
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);

        var geodata = GeodataWithNames(("ended-2018", "Name from the file"), ("from-2021", "Renamed in the file"));
        try
        {
            var report = await Seed(geodata);
            Assert.True(report.Features.Edited >= 1, report.ToString());
        }
        finally
        {
            Directory.Delete(geodata, recursive: true);
        }

        Assert.Equal("Corrected by an editor", (string?)(await living.Read("/collections/bases/items/ended-2018")).Feature["properties"]!["name"]);
        Assert.Equal("Renamed in the file", (string?)(await living.Read("/collections/bases/items/from-2021")).Feature["properties"]!["name"]);
        var versions = (await living.Client.GetFromJsonAsync<JsonObject>("/collections/bases/items/from-2021/history"))!["versions"]!.AsArray();
        Assert.Equal(["seeder", "seeder"], versions.Select(v => (string)v!["recordedBy"]!));
        Assert.Equal("Later outpost", (string?)versions[0]!["feature"]!["properties"]!["name"]);
    }

    [Fact]
    public async Task TheSeederDoesNotBringBackAFeatureAnEditDeleted()
    {
        var (_, etag) = await living.Read("/collections/bases/items/coast");
        using (var delete = await living.Write(HttpMethod.Delete, "/collections/bases/items/coast", null, living.EditorKey, etag,
            "closed long ago", sources: "https://example.org/closed 2025-01-01"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var geodata = GeodataWithNames();
        try
        {
            await Seed(geodata);
        }
        finally
        {
            Directory.Delete(geodata, recursive: true);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await living.Client.GetAsync("/collections/bases/items/coast")).StatusCode);
    }
}
