using Map.Import.Tests.Fixture;
using Map.Testing;

namespace Map.Import.Tests.Geodata;

/// <summary>`map export-geodata` writes the database back as geodata/: unchanged records byte for byte, edits as small diffs.</summary>
[Collection(ImportCollection.Name)]
public sealed class ExportGeodataTests(ImportFixture fixture)
{
    private string CopyOfFixtureGeodata()
    {
        var folder = fixture.NewFolder("export");
        foreach (var file in Directory.GetFiles(MapApplication.FixtureGeodata, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(MapApplication.FixtureGeodata, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return folder;
    }

    [Fact]
    public async Task AnExportRewritesUneditedFilesByteForByteAndAnEditAsOneChangedLine()
    {
        var folder = CopyOfFixtureGeodata();
        var original = Path.Combine(MapApplication.FixtureGeodata, "layers", "zones.geojson");
        await fixture.Execute("""
            BEGIN;
            SELECT set_config('map.origin', 'edit', true), set_config('map.actor', 'test editor', true);
            UPDATE features SET name = 'Renamed strip' WHERE id = 'strip';
            COMMIT;
            """);
        try
        {
            var result = await fixture.Cli("export-geodata", "--out", folder, "--connection", fixture.ConnectionString);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(MapApplication.FixtureGeodata, "layers", "bases.geojson")),
                await File.ReadAllTextAsync(Path.Combine(folder, "layers", "bases.geojson")));
            var before = await File.ReadAllLinesAsync(original);
            var after = await File.ReadAllLinesAsync(Path.Combine(folder, "layers", "zones.geojson"));
            Assert.Equal(before.Length, after.Length);
            var differing = before.Zip(after).Where(p => p.First != p.Second).ToList();
            Assert.Single(differing);
            Assert.Contains("\"name\": \"Renamed strip\"", differing[0].Second);
        }
        finally
        {
            await fixture.Execute(
                "UPDATE features SET name = (SELECT name FROM feature_history WHERE id = 'strip' ORDER BY recorded_to DESC LIMIT 1) WHERE id = 'strip'");
        }
    }
}
