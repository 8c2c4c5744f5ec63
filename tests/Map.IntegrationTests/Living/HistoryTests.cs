using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Map.IntegrationTests.Living;

/// <summary>Record time: every version is kept with who, when, why and its sources; recorded-at answers as the database held the layer then.</summary>
[Collection(LivingCollection.Name)]
public sealed class HistoryTests(LivingFixture living)
{
    private async Task<string> Patch(string id, string etag, string properties, string comment)
    {
        using var response = await living.Write(HttpMethod.Patch, $"/collections/bases/items/{id}",
            JsonNode.Parse($$"""{"properties": {{properties}}}"""), living.EditorKey, etag, comment, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return response.Headers.ETag!.Tag;
    }

    [Fact]
    public async Task TheHistoryListsEveryVersionWithWhoWhyItsSourcesAndWhatChanged()
    {
        await living.Create(LivingFixture.NewBase("history-1", "First name"));
        var (_, etag) = await living.Read("/collections/bases/items/history-1");
        await Patch("history-1", etag, """
            {"name": "Second name", "sources": [{"title": "Correction", "url": "https://example.org/correction", "published": "2025-01-05"}]}
            """, "name was misspelt");

        var history = (await living.Client.GetFromJsonAsync<JsonObject>("/collections/bases/items/history-1/history"))!;
        var versions = history["versions"]!.AsArray();
        Assert.Equal(2, versions.Count);
        Assert.Equal(["created", "changed"], versions.Select(v => (string)v!["change"]!));
        Assert.All(versions, v => Assert.Equal("alice", (string?)v!["recordedBy"]));
        Assert.All(versions, v => Assert.Equal("edit", (string?)v!["origin"]));
        Assert.Equal("name was misspelt", (string?)versions[1]!["comment"]);
        Assert.Equal("https://example.org/correction", (string?)versions[1]!["sources"]![0]!["url"]);
        Assert.Equal("First name", (string?)versions[0]!["feature"]!["properties"]!["name"]);
        Assert.Equal(versions[1]!["recordedFrom"]!.ToJsonString(), versions[0]!["recordedTo"]!.ToJsonString());
        Assert.Null(versions[1]!["recordedTo"]);
        var differences = versions[1]!["differences"]!.AsArray().Select(d => (string)d!["member"]!).Order();
        // lastConfirmed follows the newest dated source, so a new source moves it too.
        Assert.Equal(["lastConfirmed", "name", "sources"], differences);
    }

    [Fact]
    public async Task RecordedAtBeforeAPatchReturnsTheOldValuesInItemsAndTheItem()
    {
        await living.Create(LivingFixture.NewBase("recorded-1", "Before the patch"));
        var (_, etag) = await living.Read("/collections/bases/items/recorded-1");
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await Patch("recorded-1", etag, """
            {"name": "After the patch", "sources": [{"title": "r", "url": "https://example.org/r", "published": "2025-02-01"}]}
            """, "renamed");
        var instant = Uri.EscapeDataString(between.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));

        var old = await living.Read($"/collections/bases/items/recorded-1?recorded-at={instant}");
        Assert.Equal("Before the patch", (string?)old.Feature["properties"]!["name"]);
        var items = (await living.Client.GetFromJsonAsync<JsonObject>($"/collections/bases/items?recorded-at={instant}&limit=1000"))!;
        var feature = items["features"]!.AsArray().Single(f => (string?)f!["id"] == "recorded-1")!;
        Assert.Equal("Before the patch", (string?)feature["properties"]!["name"]);
        Assert.Equal("After the patch", (string?)(await living.Read("/collections/bases/items/recorded-1")).Feature["properties"]!["name"]);
    }

    [Fact]
    public async Task RecordedAtBeforeAFeatureExistedLeavesItOutAndAfterItsDeletionToo()
    {
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await living.Create(LivingFixture.NewBase("recorded-2"));
        var (_, etag) = await living.Read("/collections/bases/items/recorded-2");
        var during = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        using (var delete = await living.Write(HttpMethod.Delete, "/collections/bases/items/recorded-2", null, living.EditorKey, etag,
            sources: "https://example.org/d 2025-03-01"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        string At(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NotFound, (await living.Client.GetAsync($"/collections/bases/items/recorded-2?recorded-at={At(before)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await living.Client.GetAsync($"/collections/bases/items/recorded-2?recorded-at={At(during)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await living.Client.GetAsync("/collections/bases/items/recorded-2")).StatusCode);
    }

    [Fact]
    public async Task RestoringAnOldVersionIsAPutOfItsFeature()
    {
        await living.Create(LivingFixture.NewBase("restore-1", "Original"));
        var (_, etag) = await living.Read("/collections/bases/items/restore-1");
        etag = await Patch("restore-1", etag, """
            {"name": "Vandalised", "sources": [{"title": "v", "url": "https://example.org/v", "published": "2025-04-01"}]}
            """, "oops");
        var history = (await living.Client.GetFromJsonAsync<JsonObject>("/collections/bases/items/restore-1/history"))!;
        var original = history["versions"]![0]!["feature"]!.AsObject();
        using var restore = await living.Write(HttpMethod.Put, "/collections/bases/items/restore-1", original, living.EditorKey, etag, "restored");
        Assert.Equal(HttpStatusCode.NoContent, restore.StatusCode);
        Assert.Equal("Original", (string?)(await living.Read("/collections/bases/items/restore-1")).Feature["properties"]!["name"]);
        var versions = (await living.Client.GetFromJsonAsync<JsonObject>("/collections/bases/items/restore-1/history"))!["versions"]!.AsArray();
        Assert.Equal(3, versions.Count);
        Assert.Equal("restored", (string?)versions[2]!["comment"]);
    }

    [Fact]
    public async Task TheSeededFeaturesHaveTheSeederAsTheirAuthor()
    {
        var versions = (await living.Client.GetFromJsonAsync<JsonObject>("/collections/bases/items/always/history"))!["versions"]!.AsArray();
        Assert.Equal("seeder", (string?)versions[0]!["recordedBy"]);
        Assert.Equal("seed", (string?)versions[0]!["origin"]);
        Assert.Equal(HttpStatusCode.NotFound, (await living.Client.GetAsync("/collections/bases/items/never-was/history")).StatusCode);
    }
}
