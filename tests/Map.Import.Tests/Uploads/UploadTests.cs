using System.IO.Compression;
using System.Net;
using Map.Import.Tests.Fixture;
using Microsoft.AspNetCore.Hosting;

namespace Map.Import.Tests.Uploads;

/// <summary>The upload runs the same pipeline; large uploads become jobs whose status can be polled.</summary>
[Collection(ImportCollection.Name)]
public sealed class UploadTests(ImportFixture fixture)
{
    [Fact]
    public async Task ALargeUploadRunsAsAJobWhoseStatusCanBePolledUntilItSucceeds()
    {
        var folder = fixture.NewFolder("job");
        var features = Enumerable.Range(0, 1500)
            .Select(i => SourceData.Feature(i, "Point", $"[{40 + i % 50 * 0.02:0.00}, {36 + i / 50 * 0.02:0.00}]", "beta", "2020-01-01", "0.5"));
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "job", SourceData.Collection(features.ToArray())), folder, "job", 32638);
        var zip = ImportFixture.ZipShapefile(shp, Path.Combine(folder, "job.zip"), level: CompressionLevel.NoCompression);
        Assert.True(new FileInfo(zip).Length > ImportFixture.SynchronousLimitBytes);

        using var response = await fixture.Upload(zip, new() { ["layer"] = "job-layer", ["mode"] = "replace" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await ImportFixture.Json(response);
        Assert.Equal(response.Headers.Location?.OriginalString, (string?)job["statusUrl"]);
        string? status = (string?)job["status"];
        Assert.Equal("queued", status);
        for (var poll = 0; status is "queued" or "running" && poll < 600; poll++)
        {
            await Task.Delay(100);
            using var request = new HttpRequestMessage(HttpMethod.Get, (string)job["statusUrl"]!);
            request.Headers.Add("X-Api-Key", ImportFixture.ApiKey);
            using var answer = await fixture.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var report = await ImportFixture.Json(answer);
            status = (string?)report["status"];
            if (status is not ("queued" or "running")) Assert.Equal(1500, (int?)report["imported"]);
        }
        Assert.Equal("succeeded", status);
        Assert.Equal(1500L, await fixture.Scalar<long>("SELECT count(*) FROM features WHERE layer_id = 'job-layer'"));
    }

    [Fact]
    public async Task ADryRunUploadReportsWithoutWriting()
    {
        var folder = fixture.NewFolder("updry");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "points", SourceData.Points), folder, "points", 3857);
        var zip = ImportFixture.ZipShapefile(shp, Path.Combine(folder, "points.zip"));
        var before = await fixture.SnapshotWithImports();

        using var response = await fixture.Upload(zip, new() { ["layer"] = "updry", ["dryRun"] = "true", ["confidenceField"] = "confidence" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await ImportFixture.Json(response);
        Assert.Equal(4, (int?)report["imported"]);
        Assert.Equal("EPSG:3857 (WGS 84 / Pseudo-Mercator)", (string?)report["sourceCrs"]);
        Assert.Equal(before, await fixture.SnapshotWithImports()); // not even an imports row
    }

    [Fact]
    public async Task AKeyIsAcceptedWhenTheConfigurationHoldsItsPublishedSha256()
    {
        // FIPS 180-2, B.1: SHA-256("abc"), computed by nobody in this repository.
        await using var app = fixture.App.WithWebHostBuilder(web =>
            web.UseSetting("Map:Imports:ApiKeyHashes:0", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        using var client = app.CreateClient();

        async Task<HttpStatusCode> StatusWithKey(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/imports/{Guid.NewGuid()}");
            request.Headers.Add("X-Api-Key", key);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.NotFound, await StatusWithKey("abc"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithKey("abd"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithKey(ImportFixture.ApiKey));
    }

    [Fact]
    public async Task TheUploadsMessagesNameOptionsAsItsFormFieldsWhereTheCommandLineSaysOptions()
    {
        var folder = fixture.NewFolder("noprj");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "noprj", SourceData.Points), folder, "noprj", 4326);
        File.Delete(Path.ChangeExtension(shp, ".prj"));
        var zip = ImportFixture.ZipShapefile(shp, Path.Combine(folder, "noprj.zip"));

        using var response = await fixture.Upload(zip, new() { ["layer"] = "noprj" });
        var cli = await fixture.Cli("import", shp, "--layer", "noprj");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith("name it with sourceCrs (e.g. sourceCrs EPSG:32637).", (string?)(await ImportFixture.Json(response))["detail"]);
        Assert.EndsWith("name it with --source-crs (e.g. --source-crs EPSG:32637).", cli.Error.Trim());
    }

    [Fact]
    public async Task ReadingTheMapStaysPublicWhileImportsNeedAKey()
    {
        using var collections = await fixture.Client.GetAsync("/collections");
        using var status = await fixture.Client.GetAsync($"/imports/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.OK, collections.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
    }
}
