using System.Net;
using System.Net.Http.Headers;

namespace Map.IntegrationTests.Http;

/// <summary>ETags, Last-Modified and 304s, compression, CORS and Cache-Control.</summary>
[Collection(ApiCollection.Name)]
public sealed class HttpTests(ApiFixture api)
{
    [Theory]
    [InlineData("/collections/zones/items")]
    [InlineData("/collections/zones/items/strip")]
    [InlineData("/collections/zones")]
    [InlineData("/collections")]
    [InlineData("/collections/zones/queryables")]
    public async Task AStrongETagAnswersIfNoneMatchWith304(string path)
    {
        var first = await api.Client.GetAsync(path);
        var tag = first.Headers.ETag!;
        Assert.False(tag.IsWeak);
        Assert.NotNull(first.Content.Headers.LastModified);
        Assert.Equal("public, no-cache", first.Headers.CacheControl!.ToString());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(tag);
        var second = await api.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(tag, second.Headers.ETag);
    }

    [Fact]
    public async Task IfModifiedSinceTheLastChangeIsA304()
    {
        var first = await api.Client.GetAsync("/collections/zones/items");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/collections/zones/items");
        conditional.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await api.Client.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task TheETagDiffersBetweenQueriesAndFormats()
    {
        string[] paths = ["/collections/bases/items", "/collections/bases/items?limit=1", "/collections/bases/items?f=html"];
        var tags = paths.Select(async path => (await api.Client.GetAsync(path)).Headers.ETag!.Tag);
        Assert.Equal(3, (await Task.WhenAll(tags)).Distinct().Count());
    }

    [Fact]
    public async Task TheETagChangesWhenTheLayerChanges()
    {
        var before = (await api.Client.GetAsync("/collections/zones/items")).Headers.ETag!;
        var collectionBefore = (await api.Client.GetAsync("/collections")).Headers.ETag!;
        await api.ExecuteAsync("UPDATE layers SET updated_at = updated_at + interval '1 second' WHERE id = 'zones'");

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/collections/zones/items");
        conditional.Headers.IfNoneMatch.Add(before);
        var after = await api.Client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before, after.Headers.ETag);
        Assert.NotEqual(collectionBefore, (await api.Client.GetAsync("/collections")).Headers.ETag);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task ResponsesAreCompressedWhenTheClientAcceptsIt(string coding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/collections/bases/items");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
        var response = await api.Client.SendAsync(request);
        Assert.Equal([coding], response.Content.Headers.ContentEncoding);
        var plain = await api.Client.GetAsync("/collections/bases/items");
        Assert.NotEqual(plain.Headers.ETag, response.Headers.ETag);
    }

    [Fact]
    public async Task ReadsCarryCorsHeadersForAnyOriginByDefault()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/collections/bases/items");
        request.Headers.Add("Origin", "https://analyst.example");
        var response = await api.Client.SendAsync(request);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    [Fact]
    public async Task ACorsPreflightForAReadIsAllowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/collections/bases/items");
        request.Headers.Add("Origin", "https://analyst.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        var response = await api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("GET", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    [Fact]
    public async Task ACorsPreflightForAWriteIsNotAllowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/collections/bases/items");
        request.Headers.Add("Origin", "https://analyst.example");
        request.Headers.Add("Access-Control-Request-Method", "DELETE");
        var response = await api.Client.SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
    }
}
