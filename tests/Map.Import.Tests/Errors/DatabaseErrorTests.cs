using Map.Cli;
using Map.Import.Tests.Fixture;
using Npgsql;

namespace Map.Import.Tests.Errors;

/// <summary>A database that cannot take the import is a one-line message and a non-zero exit, not a stack trace.</summary>
[Collection(ImportCollection.Name)]
public sealed class DatabaseErrorTests(ImportFixture fixture)
{
    private async Task<(int Code, string Error)> ImportInto(string connection)
    {
        var folder = fixture.NewFolder("db-error");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "points", SourceData.Points), folder, "points", 4326);
        var error = new StringWriter();
        var before = await fixture.SnapshotWithImports();

        var code = await CliApp.RunAsync(["import", shp, "--layer", "bad", "--connection", connection], new StringWriter(), error);

        // The fixture's own database is untouched: no features, layers or imports rows.
        Assert.Equal(before, await fixture.SnapshotWithImports());
        return (code, error.ToString());
    }

    [Fact]
    public async Task ADatabaseThatDoesNotExistIsAClearRefusal()
    {
        var missing = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Database = "map_no_such_database" }.ConnectionString;

        var (code, error) = await ImportInto(missing);

        Assert.Equal(1, code);
        Assert.StartsWith("error [database-refused]: PostGIS refused the import: database \"map_no_such_database\" does not exist", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task AnUnreachableDatabaseIsAClearRefusal()
    {
        var (code, error) = await ImportInto("Host=127.0.0.1;Port=1;Username=postgres;Timeout=3");

        Assert.Equal(1, code);
        Assert.StartsWith("error [database-unavailable]: cannot reach PostGIS", error);
    }
}
