using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Map.IntegrationTests.Living;

/// <summary>OGC API – Features Part 4 with keys: create, patch, replace and delete, and the writes refused before anything is written.</summary>
[Collection(LivingCollection.Name)]
public sealed class EditTests(LivingFixture living)
{
    [Fact]
    public async Task AFeaturePostedWithAnEditorKeyIsServedByItemsWithItsLocation()
    {
        var posted = LivingFixture.NewBase("posted-1", "Posted base");
        using var response = await living.Write(HttpMethod.Post, "/collections/bases/items", posted, living.EditorKey);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/collections/bases/items/posted-1", response.Headers.Location!.OriginalString);
        var (feature, etag) = await living.Read("/collections/bases/items/posted-1");
        Assert.Equal("Posted base", (string?)feature["properties"]!["name"]);
        Assert.Equal("""{"type":"Point","coordinates":[40.5,36.6]}""", feature["geometry"]!.ToJsonString());
        Assert.StartsWith(response.Headers.ETag!.Tag.Trim('"') + "-", etag.Trim('"'));
    }

    [Fact]
    public async Task APatchChangesOnlyTheMembersItNamesAndMovesTheETag()
    {
        await living.Create(LivingFixture.NewBase("patched-1"));
        var (before, etag) = await living.Read("/collections/bases/items/patched-1");
        var patch = JsonNode.Parse("""
            {"properties": {"validTo": "2024-03-01", "notes": null,
             "sources": [{"title": "Withdrawal report", "url": "https://example.org/withdrawal", "published": "2024-03-02"}]}}
            """)!;
        using var response = await living.Write(HttpMethod.Patch, "/collections/bases/items/patched-1", patch, living.EditorKey, etag,
            contentType: "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (after, newTag) = await living.Read("/collections/bases/items/patched-1");
        Assert.Equal("2024-03-01", (string?)after["properties"]!["validTo"]);
        Assert.Equal("https://example.org/withdrawal", (string?)after["properties"]!["sources"]![0]!["url"]);
        Assert.Equal(before["properties"]!["name"]!.ToJsonString(), after["properties"]!["name"]!.ToJsonString());
        Assert.Equal(before["geometry"]!.ToJsonString(), after["geometry"]!.ToJsonString());
        Assert.NotEqual(etag, newTag);
    }

    [Fact]
    public async Task APutReplacesTheWholeFeature()
    {
        await living.Create(LivingFixture.NewBase("replaced-1"));
        var (_, etag) = await living.Read("/collections/bases/items/replaced-1");
        var replacement = LivingFixture.NewBase("replaced-1", "Moved base", 41.1, 36.9);
        replacement["properties"]!["kind"] = "outpost";
        using var response = await living.Write(HttpMethod.Put, "/collections/bases/items/replaced-1", replacement, living.EditorKey, etag);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (after, _) = await living.Read("/collections/bases/items/replaced-1");
        Assert.Equal("Moved base", (string?)after["properties"]!["name"]);
        Assert.Equal("outpost", (string?)after["properties"]!["kind"]);
        Assert.Equal("""{"type":"Point","coordinates":[41.1,36.9]}""", after["geometry"]!.ToJsonString());
    }

    [Fact]
    public async Task ADeletedFeatureIsGoneFromItemsAndPresentInItsHistory()
    {
        await living.Create(LivingFixture.NewBase("deleted-1"));
        var (_, etag) = await living.Read("/collections/bases/items/deleted-1");
        using var response = await living.Write(HttpMethod.Delete, "/collections/bases/items/deleted-1", null, living.EditorKey, etag,
            "never existed", sources: "https://example.org/retraction 2024-05-01 Retraction");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await living.Client.GetAsync("/collections/bases/items/deleted-1")).StatusCode);
        var ids = (await living.Client.GetFromJsonAsync<JsonObject>("/collections/bases/items?limit=1000"))!["features"]!.AsArray()
            .Select(f => (string)f!["id"]!);
        Assert.DoesNotContain("deleted-1", ids);
        var versions = (await living.Client.GetFromJsonAsync<JsonObject>("/collections/bases/items/deleted-1/history"))!["versions"]!.AsArray();
        Assert.Equal(["created", "deleted"], versions.Select(v => (string)v!["change"]!));
        Assert.Equal("never existed", (string?)versions[1]!["comment"]);
        Assert.Equal("https://example.org/retraction", (string?)versions[1]!["sources"]![0]!["url"]);
        Assert.Equal("alice", (string?)versions[1]!["recordedBy"]);
    }

    [Fact]
    public async Task WritesWithoutAKeyAre401AndWithAnImporterKeyAre403()
    {
        using var none = await living.Write(HttpMethod.Post, "/collections/bases/items", LivingFixture.NewBase("nokey-1"), key: null);
        using var wrong = await living.Write(HttpMethod.Post, "/collections/bases/items", LivingFixture.NewBase("nokey-1"), "not-a-key");
        using var importer = await living.Write(HttpMethod.Post, "/collections/bases/items", LivingFixture.NewBase("nokey-1"), living.ImporterKey);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, importer.StatusCode);
        Assert.Equal("forbidden", (string?)(await importer.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        Assert.Equal("application/problem+json", importer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await living.Client.GetAsync("/collections/bases/items/nokey-1")).StatusCode);
    }

    [Fact]
    public async Task AnAdminKeyMayEditAndARevokedKeyIsRefusedAtOnce()
    {
        using (var admin = await living.Write(HttpMethod.Post, "/collections/bases/items", LivingFixture.NewBase("admin-1"), living.AdminKey))
            Assert.Equal(HttpStatusCode.Created, admin.StatusCode);
        var key = await living.Keys.AddAsync("temporary", Map.Data.Keys.KeyRole.Editor);
        using (var before = await living.Write(HttpMethod.Post, "/collections/bases/items", LivingFixture.NewBase("revoked-1"), key))
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.True(await living.Keys.RevokeAsync("temporary"));
        using var after = await living.Write(HttpMethod.Post, "/collections/bases/items", LivingFixture.NewBase("revoked-2"), key);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task AStaleIfMatchIs412AndAMissingOneIs428AndNeitherChangesAnything()
    {
        await living.Create(LivingFixture.NewBase("stale-1"));
        var (_, first) = await living.Read("/collections/bases/items/stale-1");
        const string path = "/collections/bases/items/stale-1";
        using (var ok = await living.Write(HttpMethod.Put, path, LivingFixture.NewBase("stale-1", "Second"), living.EditorKey, first))
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        var rows = await living.WrittenRows();
        using var stale = await living.Write(HttpMethod.Put, path, LivingFixture.NewBase("stale-1", "Third"), living.EditorKey, first);
        using var missing = await living.Write(HttpMethod.Put, path, LivingFixture.NewBase("stale-1", "Third"), living.EditorKey);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("precondition-failed", (string?)(await stale.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(rows, await living.WrittenRows());
        Assert.Equal("Second", (string?)(await living.Read("/collections/bases/items/stale-1")).Feature["properties"]!["name"]);
    }

    public static TheoryData<string, string, int, string> InvalidWrites => new()
    {
        { "unknown actor", """{"actor": "nobody"}""", 422, "invalid-feature" },
        { "end before start", """{"validFrom": "2020-01-01", "validTo": "2019-01-01"}""", 422, "invalid-feature" },
        { "confidence above 1", """{"confidence": 1.5}""", 422, "invalid-feature" },
        { "unknown kind", """{"kind": "castle"}""", 422, "invalid-feature" },
        { "no dated source", """{"sources": [{"title": "x", "url": "https://example.org/x"}]}""", 422, "source-required" },
        { "source not a URL", """{"sources": [{"title": "x", "url": "somewhere", "published": "2020"}]}""", 422, "source-required" },
        { "confidence as text", """{"confidence": "high"}""", 422, "invalid-feature" },
    };

    [Theory]
    [MemberData(nameof(InvalidWrites))]
    public async Task AnInvalidFeatureIsRefusedWithAProblemAndNothingIsWritten(string why, string properties, int status, string code)
    {
        var feature = LivingFixture.NewBase("invalid-" + why.Replace(' ', '-'));
        foreach (var (name, value) in JsonNode.Parse(properties)!.AsObject()) feature["properties"]![name] = value?.DeepClone();
        var rows = await living.WrittenRows();
        using var response = await living.Write(HttpMethod.Post, "/collections/bases/items", feature, living.EditorKey);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        Assert.Equal(rows, await living.WrittenRows());
    }

    [Theory]
    [InlineData("""{"type": "Polygon", "coordinates": [[[40, 36], [41, 37], [41, 36], [40, 37], [40, 36]]]}""", "not valid")]
    [InlineData("""{"type": "Point", "coordinates": [4500000, 4400000]}""", "longitude/latitude")]
    [InlineData("""{"type": "LineString", "coordinates": [[40, 36], [41, 37]]}""", "does not belong")]
    public async Task ABadGeometryIsRefusedAndNothingIsWritten(string geometry, string reason)
    {
        var feature = LivingFixture.NewBase("bad-geometry");
        feature["geometry"] = JsonNode.Parse(geometry);
        var rows = await living.WrittenRows();
        using var response = await living.Write(HttpMethod.Post, "/collections/bases/items", feature, living.EditorKey);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(reason, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        Assert.Equal(rows, await living.WrittenRows());
    }

    [Fact]
    public async Task AWriteWithoutACommentIs400AndAnExistingIdIs409()
    {
        var rows = await living.WrittenRows();
        using var uncommented = await living.Write(
            HttpMethod.Post, "/collections/bases/items", LivingFixture.NewBase("uncommented"), living.EditorKey, comment: null);
        using var duplicate = await living.Write(HttpMethod.Post, "/collections/bases/items", LivingFixture.NewBase("always"), living.EditorKey);
        Assert.Equal(HttpStatusCode.BadRequest, uncommented.StatusCode);
        Assert.Equal("comment-required", (string?)(await uncommented.Content.ReadFromJsonAsync<JsonObject>())!["code"]);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(rows, await living.WrittenRows());
    }

    [Fact]
    public async Task AWriteMovesTheLayerStampSoTheItemsETagChanges()
    {
        using var before = await living.Client.GetAsync("/collections/bases/items");
        await living.Create(LivingFixture.NewBase("stamp-1"));
        using var after = await living.Client.GetAsync("/collections/bases/items");
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task TheConformanceDeclarationNamesPart4()
    {
        var conformance = (await living.Client.GetFromJsonAsync<JsonObject>("/conformance"))!["conformsTo"]!.AsArray().Select(c => (string)c!);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete", conformance);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update", conformance);
    }
}
