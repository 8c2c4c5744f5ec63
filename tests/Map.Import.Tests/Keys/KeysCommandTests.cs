using System.Net;
using Map.Import.Tests.Fixture;

namespace Map.Import.Tests.Keys;

/// <summary>`map keys` manages the keys the web app checks on every request: a new key works at once, a revoked one fails at once.</summary>
[Collection(ImportCollection.Name)]
public sealed class KeysCommandTests(ImportFixture fixture)
{
    private Task<ImportFixture.CliResult> Keys(params string[] args) => fixture.Cli(["keys", .. args, "--connection", fixture.ConnectionString]);

    private static string PrintedKey(ImportFixture.CliResult result) =>
        result.Output.Split('\n').Single(l => l.StartsWith("key:", StringComparison.Ordinal))[4..].Trim();

    private async Task<HttpStatusCode> DryRunUpload(string key)
    {
        var folder = fixture.NewFolder("keys");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "points", SourceData.Points), folder, "points", 4326);
        var zip = ImportFixture.ZipShapefile(shp, Path.Combine(folder, "points.zip"));
        using var response = await fixture.Upload(zip, new() { ["layer"] = "keys-layer", ["dryRun"] = "true", ["confidenceField"] = "confidence" }, key);
        return response.StatusCode;
    }

    [Fact]
    public async Task AKeyAddedWithTheCliUploadsAtOnceAndIsRefusedAtOnceWhenRevoked()
    {
        var added = await Keys("add", "field team", "--role", "importer");
        Assert.Equal(0, added.ExitCode);
        var key = PrintedKey(added);
        Assert.Equal(HttpStatusCode.OK, await DryRunUpload(key));

        Assert.Equal(0, (await Keys("revoke", "field team")).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await DryRunUpload(key));
        var list = await Keys("list");
        Assert.Contains(list.Output.Split('\n'), l => l.StartsWith("field team\timporter\t", StringComparison.Ordinal) && l.Contains("\trevoked "));
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM api_keys WHERE key_hash = @k OR name = @k", ("k", key)));
    }

    [Fact]
    public async Task AnEditorKeyCannotUploadAndANameIsNeverReused()
    {
        var editor = PrintedKey(await Keys("add", "desk editor", "--role", "editor"));
        Assert.Equal(HttpStatusCode.Forbidden, await DryRunUpload(editor));
        var again = await Keys("add", "desk editor", "--role", "admin");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("error [key-name-taken]", again.Error);
        var admin = PrintedKey(await Keys("add", "chief editor", "--role", "admin"));
        Assert.Equal(HttpStatusCode.OK, await DryRunUpload(admin));
    }
}
