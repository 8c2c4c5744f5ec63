using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Map.Import.Tests.Fixture;

namespace Map.Import.Tests.Errors;

/// <summary>The upload door refuses what it must with RFC 9457 problem details, and writes nothing.</summary>
[Collection(ImportCollection.Name)]
public sealed class BadUploadTests(ImportFixture fixture)
{
    private async Task<string> GoodZip(string name)
    {
        var folder = fixture.NewFolder(name);
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "points", SourceData.Points), folder, "points", 32637);
        return await Task.FromResult(ImportFixture.ZipShapefile(shp, Path.Combine(folder, "points.zip")));
    }

    /// <summary>A request refused before an import starts: the problem, and no change at all — not even an imports row.</summary>
    private async Task AssertProblem(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string code, string detail)
    {
        var before = await fixture.SnapshotWithImports();
        await AssertProblemBody(send, status, code, detail);
        Assert.Equal(before, await fixture.SnapshotWithImports());
    }

    /// <summary>An import that started and was refused: the problem, and nothing changed but its own Failed imports row.</summary>
    private async Task AssertRefusedImport(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string code, string detail) =>
        await fixture.ExpectAFailedImportRow(code, async () =>
        {
            await AssertProblemBody(send, status, code, detail);
            return true;
        });

    private static async Task AssertProblemBody(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string code, string detail)
    {
        using var response = await send();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ImportFixture.Json(response);
        Assert.Equal(code, (string?)problem["code"]);
        Assert.Equal((int)status, (int?)problem["status"]);
        Assert.Contains(detail, (string?)problem["detail"]);
    }

    [Fact]
    public async Task AnUploadWithoutCredentialsIs401()
    {
        var zip = await GoodZip("nokey");
        await AssertProblem(() => fixture.Upload(zip, new() { ["layer"] = "bad" }, key: null),
            HttpStatusCode.Unauthorized, "unauthorized", "Uploads need an API key");
    }

    [Fact]
    public async Task AnUploadWithAWrongKeyIs401AndSaysWhy()
    {
        var zip = await GoodZip("wrongkey");
        await AssertProblem(() => fixture.Upload(zip, new() { ["layer"] = "bad" }, key: "not-the-key"),
            HttpStatusCode.Unauthorized, "unauthorized", "The API key is not valid");
    }

    [Fact]
    public async Task AnUploadWithAWrongXApiKeyIs401()
    {
        var zip = await GoodZip("wrongxkey");
        await AssertProblem(() => fixture.Upload(zip, new() { ["layer"] = "bad" }, key: "not-the-key", keyHeader: ImportFixture.KeyHeader.XApiKey),
            HttpStatusCode.Unauthorized, "unauthorized", "The API key is not valid");
    }

    [Fact]
    public async Task WithNoConfiguredKeyEveryUploadIsRefused()
    {
        // fixture.App is the same app and database without Map:Imports:ApiKeyHashes.
        using var unconfigured = fixture.App.CreateClient();
        var zip = await GoodZip("nokeys");
        foreach (var key in new[] { ImportFixture.ApiKey, "", "anything" })
            await AssertProblem(() => fixture.Upload(zip, new() { ["layer"] = "nokeys" }, key: key, client: unconfigured),
                HttpStatusCode.Unauthorized, "unauthorized", "Uploads are disabled: the operator has configured no API key");
    }

    [Fact]
    public async Task AnUploadWithTheKeyInAnXApiKeyHeaderIsImported()
    {
        var zip = await GoodZip("xkey");

        using var response = await fixture.Upload(zip, new() { ["layer"] = "xkey-layer" }, keyHeader: ImportFixture.KeyHeader.XApiKey);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(4, (int?)(await ImportFixture.Json(response))["imported"]);
        Assert.Equal(4L, await fixture.Scalar<long>("SELECT count(*) FROM features WHERE layer_id = 'xkey-layer'"));
    }

    [Fact]
    public async Task TheKeyMayAlsoComeAsAnXApiKeyHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/imports/{Guid.NewGuid()}");
        request.Headers.Add("X-Api-Key", ImportFixture.ApiKey);
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("import-not-found", (string?)(await ImportFixture.Json(response))["code"]);
    }

    [Fact]
    public async Task AnUploadOverTheSizeLimitIs413()
    {
        var path = Path.Combine(fixture.NewFolder("huge"), "huge.zip");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, (int)ImportFixture.MaxUploadBytes + 1000).Select(i => (byte)(i * 31 % 256)).ToArray());
        await AssertProblem(() => fixture.Upload(path, new() { ["layer"] = "bad" }),
            HttpStatusCode.RequestEntityTooLarge, "upload-too-large", "larger than the limit of 4,194,304 bytes");
    }

    [Fact]
    public async Task ABodyThatIsNotMultipartIs415()
    {
        await AssertProblem(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/imports")
            {
                Content = new StringContent("{\"layer\":\"bad\"}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ImportFixture.ApiKey);
            return await fixture.Client.SendAsync(request);
        }, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "multipart/form-data");
    }

    [Fact]
    public async Task AFilePartThatIsNotAZipIs415()
    {
        var zip = await GoodZip("textpart");
        await AssertProblem(() => fixture.Upload(zip, new() { ["layer"] = "bad" }, fileContentType: "text/plain"),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "The file must be a zip");
    }

    [Fact]
    public async Task AnUploadThatIsNotAZipIs400()
    {
        var path = Path.Combine(fixture.NewFolder("notzip"), "points.zip");
        await File.WriteAllTextAsync(path, "not a zip at all");
        await AssertRefusedImport(() => fixture.Upload(path, new() { ["layer"] = "bad" }),
            HttpStatusCode.BadRequest, "not-a-zip", "points.zip is not a zip archive");
    }

    [Fact]
    public async Task AnUploadedZipSlipEntryIs400()
    {
        var folder = fixture.NewFolder("upslip");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "points", SourceData.Points), folder, "points", 32637);
        var zip = ImportFixture.Zip(Path.Combine(folder, "slip.zip"), [("points.shp", shp), ("../points.shx", Path.ChangeExtension(shp, ".shx"))]);
        await AssertRefusedImport(() => fixture.Upload(zip, new() { ["layer"] = "bad" }),
            HttpStatusCode.BadRequest, "zip-unsafe-path", "would be written outside the extraction folder");
    }

    [Fact]
    public async Task AnUploadedZipBombIs400()
    {
        var folder = fixture.NewFolder("upbomb");
        var zeros = Path.Combine(folder, "zeros.dbf");
        await File.WriteAllBytesAsync(zeros, new byte[(int)ImportFixture.MaxExtractedBytes + 4096]);
        var zip = ImportFixture.Zip(Path.Combine(folder, "bomb.zip"), [("data/bomb.dbf", zeros)], CompressionLevel.SmallestSize);
        await AssertRefusedImport(() => fixture.Upload(zip, new() { ["layer"] = "bad" }),
            HttpStatusCode.BadRequest, "zip-too-large", "inflates to more than the limit of 8,388,608 bytes");
    }

    [Fact]
    public async Task BadRecordsInAnUploadAre422WithTheReport()
    {
        var folder = fixture.NewFolder("upbad");
        var shp = Gdal.MakeShapefile(ImportFixture.WriteGeoJson(folder, "records", SourceData.Collection(
            SourceData.Feature(0, "Point", "[41, 37]", "nobody", "2020-01-01", "0.5"))), folder, "records", 4326);
        var zip = ImportFixture.ZipShapefile(shp, Path.Combine(folder, "records.zip"));
        var problem = await fixture.ExpectAFailedImportRow("invalid-records", async () =>
        {
            using var response = await fixture.Upload(zip, new() { ["layer"] = "bases" });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return await ImportFixture.Json(response);
        });

        Assert.Equal("invalid-records", (string?)problem["code"]);
        Assert.Equal("unknown actor 'nobody' (known: alpha, beta, delta)", (string?)problem["report"]!["problems"]![0]!["reason"]);
        Assert.Equal(1, (int?)problem["report"]!["problems"]![0]!["record"]);
    }
}
