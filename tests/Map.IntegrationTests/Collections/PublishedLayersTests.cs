using System.Net;
using Map.IntegrationTests.AnalystMap;

namespace Map.IntegrationTests.Collections;

/// <summary>Only published layers are public; a layer created without saying so (as an import does) is not.</summary>
[Collection(AnalystCollection.Name)]
public sealed class PublishedLayersTests(AnalystFixture fixture)
{
    private async Task<string[]> Listed(bool withKey) =>
        (await fixture.GetJson("/collections", withKey))["collections"]!.AsArray().Select(c => (string)c!["id"]!).ToArray();

    [Fact]
    public async Task AnUnpublishedLayerIsNeitherListedNorReadable()
    {
        Assert.DoesNotContain("imported-draft", await Listed(withKey: false));
        Assert.Contains("encounters", await Listed(withKey: false));
        foreach (var path in new[] { "/collections/imported-draft", "/collections/imported-draft/items", "/collections/imported-draft/items/draft-1" })
        {
            using var response = await fixture.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task AnUploadKeyHolderSeesUnpublishedLayersWithAnotherETag()
    {
        Assert.Contains("imported-draft", await Listed(withKey: true));
        Assert.Equal("draft-1", (string?)(await fixture.GetJson("/collections/imported-draft/items/draft-1", withKey: true))["id"]);

        using var anonymous = await fixture.Client.GetAsync("/collections");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/collections");
        request.Headers.Add("X-Api-Key", AnalystFixture.ApiKey);
        using var keyHolder = await fixture.Client.SendAsync(request);
        Assert.NotEqual(anonymous.Headers.ETag, keyHolder.Headers.ETag);
        Assert.True(keyHolder.Headers.CacheControl is { Private: true, NoCache: true }, keyHolder.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task AWrongKeyIsTreatedAsNoKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/collections/imported-draft");
        request.Headers.Add("X-Api-Key", "not-the-key");
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
