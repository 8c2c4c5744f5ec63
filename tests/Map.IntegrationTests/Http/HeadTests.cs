using System.Net;

namespace Map.IntegrationTests.Http;

/// <summary>HEAD answers wherever GET does, with the same status and headers and no body (RFC 9110 §9.3.2).</summary>
[Collection(ApiCollection.Name)]
public sealed class HeadTests(ApiFixture api)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/?f=json")]
    [InlineData("/conformance")]
    [InlineData("/collections")]
    [InlineData("/collections?f=html")]
    [InlineData("/collections/bases")]
    [InlineData("/collections/bases/items")]
    [InlineData("/collections/bases/items?f=html")]
    [InlineData("/collections/bases/items?limit=2&crs=http://www.opengis.net/def/crs/EPSG/0/3857")]
    [InlineData("/collections/bases/items/always")]
    [InlineData("/collections/bases/queryables")]
    [InlineData("/api")]
    [InlineData("/api/reference")]
    [InlineData("/regions")]
    [InlineData("/actors")]
    [InlineData("/client-config")]
    [InlineData("/health/ready")]
    [InlineData("/health/live")]
    [InlineData("/js/main.js")]
    [InlineData("/collections/nope")]
    [InlineData("/collections/bases/items?bbox=1,2")]
    public async Task HeadGivesTheStatusAndHeadersOfGetWithoutABody(string path)
    {
        using var get = await api.Client.GetAsync(path);
        using var head = await api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.LastModified, head.Content.Headers.LastModified);
        Assert.Equal(get.Headers.CacheControl?.ToString(), head.Headers.CacheControl?.ToString());
        Assert.Equal(Header(get, "Content-Crs"), Header(head, "Content-Crs"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/collections/bases/items")]
    [InlineData("/collections/bases/items/always")]
    [InlineData("/collections/bases")]
    [InlineData("/collections")]
    [InlineData("/collections/bases/queryables")]
    public async Task HeadWithAValidatorOfTheCurrentVersionIsA304(string path)
    {
        var tag = (await api.Client.GetAsync(path)).Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Head, path);
        request.Headers.IfNoneMatch.Add(tag);
        using var head = await api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, head.StatusCode);
        Assert.Equal(tag, head.Headers.ETag);
    }

    [Fact]
    public async Task HeadIsNotAnsweredWhereGetIsNot()
    {
        using var head = await api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/imports"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, head.StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
}
