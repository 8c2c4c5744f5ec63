using Map.Data;
using Map.Import.Seeding;
using Map.Testing;
using Microsoft.EntityFrameworkCore;

namespace Map.Import.Tests.Seeding;

/// <summary>The geodata seeder: each test gets its own empty database, migrated from scratch.</summary>
public sealed class SeedingTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync("seed");
    public async Task DisposeAsync() => await database.DisposeAsync();

    private MapDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<MapDbContext>();
        MapDataRegistration.Configure(options, MapDataRegistration.CreateDataSource(database.ConnectionString));
        return new MapDbContext(options.Options);
    }

    private async Task<SeedReport> Seed(string geodata)
    {
        await using var db = NewContext();
        return await new GeodataSeeder(db, TimeProvider.System).SeedAsync(new GeodataFiles(geodata));
    }

    [Fact]
    public async Task SeedingTwiceChangesNothing()
    {
        await using (var db = NewContext()) await db.Database.MigrateAsync();
        var first = await Seed(MapApplication.FixtureGeodata);
        var stamps = await database.ScalarAsync<string>("SELECT string_agg(id || updated_at::text, ',' ORDER BY id) FROM features");

        var second = await Seed(MapApplication.FixtureGeodata);

        Assert.Equal(10, first.Features.Added); // 8 bases, 2 zones
        Assert.False(second.ChangedAnything, second.ToString());
        Assert.Equal(10, second.Features.Unchanged);
        Assert.Equal(10L, await database.ScalarAsync<long>("SELECT count(*) FROM features"));
        Assert.Equal(stamps, await database.ScalarAsync<string>("SELECT string_agg(id || updated_at::text, ',' ORDER BY id) FROM features"));
    }

    [Fact]
    public async Task EachSeededLayerGetsItsOwnPartitionItsExactCountAndFreshStatistics()
    {
        await using (var db = NewContext()) await db.Database.MigrateAsync();
        await Seed(MapApplication.FixtureGeodata);

        Assert.Equal("bases=8 zones=2", await database.ScalarAsync<string>(
            "SELECT string_agg(id || '=' || feature_count, ' ' ORDER BY id) FROM layers"));
        Assert.Equal("bases=8 zones=2", await database.ScalarAsync<string>(
            "SELECT string_agg(l.id || '=' || c.reltuples::bigint, ' ' ORDER BY l.id) FROM layers l " +
            "JOIN pg_class c ON c.oid = layer_storage.partition_of(l.id)"));
    }

    [Fact]
    public async Task ReseedingAnEditedFileKeepsTheCountExact()
    {
        await using (var db = NewContext()) await db.Database.MigrateAsync();
        await Seed(MapApplication.FixtureGeodata);
        var edited = CopyOfFixture();
        var bases = Path.Combine(edited, "layers", "bases.geojson");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(bases))!;
        var features = json["features"]!.AsArray();
        features.Remove(features.Single(f => (string?)f!["id"] == "coast"));
        File.WriteAllText(bases, json.ToJsonString());

        await Seed(edited);

        Assert.Equal(features.Count, await database.ScalarAsync<long>("SELECT feature_count FROM layers WHERE id = 'bases'"));
    }

    [Fact]
    public async Task AnEditedFileUpdatesOnlyWhatChangedAndRemovesWhatWasDeleted()
    {
        await using (var db = NewContext()) await db.Database.MigrateAsync();
        await Seed(MapApplication.FixtureGeodata);
        var edited = CopyOfFixture();
        var bases = Path.Combine(edited, "layers", "bases.geojson");
        var text = File.ReadAllText(bases).Replace("\"Lasting base\"", "\"Lasting base (renamed)\"");
        var json = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        var features = json["features"]!.AsArray();
        features.Remove(features.Single(f => (string?)f!["id"] == "coast"));
        File.WriteAllText(bases, json.ToJsonString());

        var report = await Seed(edited);

        Assert.Equal(1, report.Features.Changed);
        Assert.Equal(1, report.Features.Removed);
        Assert.Equal(0, report.Features.Added);
        Assert.Equal("Lasting base (renamed)", await database.ScalarAsync<string>("SELECT name FROM features WHERE id = 'always'"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM features WHERE id = 'coast'"));
    }

    [Fact]
    public async Task AFileWithAnUnknownActorIsRefusedAndNothingIsWritten()
    {
        await using (var db = NewContext()) await db.Database.MigrateAsync();
        var broken = CopyOfFixture();
        var bases = Path.Combine(broken, "layers", "bases.geojson");
        File.WriteAllText(bases, File.ReadAllText(bases).Replace("\"actor\": \"beta\"", "\"actor\": \"gamma\""));

        var error = await Assert.ThrowsAsync<GeodataException>(() => Seed(broken));

        Assert.Contains("unknown actor 'gamma'", error.Message);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM features"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM layers"));
    }

    private static string CopyOfFixture()
    {
        var target = Path.Combine(Path.GetTempPath(), "map-geodata-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(MapApplication.FixtureGeodata, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(MapApplication.FixtureGeodata, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
