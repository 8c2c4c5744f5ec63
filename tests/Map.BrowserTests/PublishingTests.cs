using System.Diagnostics;
using Map.Import;
using Npgsql;

namespace Map.BrowserTests;

/// <summary>A layer imported without --publish stays off the map: no layer toggle, no symbols, no search results.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublishingTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnImportedUnpublishedLayerIsNotListed()
    {
        var layer = "draft-" + Guid.NewGuid().ToString("N")[..8];
        var folder = Directory.CreateTempSubdirectory("map-draft-").FullName;
        try
        {
            var geoJson = Path.Combine(folder, "draft.geojson");
            await File.WriteAllTextAsync(geoJson, """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [40.9, 36.9]},
                  "properties": {"name": "Unreviewed draft site", "actor": "russia", "kind": "base", "valid_from": "2020-01-01", "confidence": 0.5}}]}
                """);
            using (var gdal = Process.Start("ogr2ogr", ["-f", "ESRI Shapefile", Path.Combine(folder, "draft.shp"), geoJson])!)
            {
                await gdal.WaitForExitAsync();
                Assert.Equal(0, gdal.ExitCode);
            }
            await using var dataSource = Map.Data.MapDataRegistration.CreateDataSource(browser.App.Database.ConnectionString);
            var report = await new ImportService(dataSource, TimeProvider.System)
                .RunAsync(new ImportRequest { InputPath = Path.Combine(folder, "draft.shp"), Layer = layer }, null, CancellationToken.None);
            Assert.Equal(1, report.Imported);

            var map = await browser.OpenMapAsync("/#date=2020-08-25");
            Assert.Equal(0, await map.Page.Locator($"fieldset[data-layer='{layer}']").CountAsync());
            Assert.DoesNotContain(await map.DrawnFeatureIdsAsync(), id => id.StartsWith(layer, StringComparison.Ordinal));
            await map.Page.Locator("#search-input").FillAsync("Unreviewed draft");
            await map.Page.Locator("#search-results li").First.WaitForAsync();
            Assert.Contains("No match", await map.Page.Locator("#search-results").InnerTextAsync());
            await map.CloseAsync();
        }
        finally
        {
            await using var connection = new NpgsqlConnection(browser.App.Database.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DELETE FROM layers WHERE id = @id", connection);
            drop.Parameters.AddWithValue("id", layer);
            await drop.ExecuteNonQueryAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
