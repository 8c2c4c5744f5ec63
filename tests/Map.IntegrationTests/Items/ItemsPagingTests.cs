using System.Text.Json.Nodes;

namespace Map.IntegrationTests.Items;

[Collection(ApiCollection.Name)]
public sealed class ItemsPagingTests(ApiFixture api)
{
    [Fact]
    public async Task FollowingNextLinksReturnsEveryFeatureExactlyOnce()
    {
        var seen = new List<string>();
        var url = "/collections/bases/items?limit=2&datetime=2010-01-01/..";
        var pages = 0;
        while (url is not null)
        {
            var page = await api.GetJson(url);
            pages++;
            Assert.True((int)page["numberReturned"]! <= 2);
            seen.AddRange(page["features"]!.AsArray().Select(f => (string)f!["id"]!));
            url = NextLink(page);
        }
        Assert.Equal(3, pages);
        Assert.Equal(["always", "coast", "ended-2018", "from-2021", "successor"], seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task NextLinksKeepEveryQueryParameter()
    {
        var page = await api.GetJson("/collections/bases/items?limit=1&bbox=40.5,36.0,42.0,37.5&datetime=2020-01-01");
        var next = NextLink(page)!;
        Assert.Contains("bbox=40.5", next);
        Assert.Contains("datetime=2020-01-01", next);
        Assert.Contains("limit=1", next);
        Assert.Contains("offset=1", next);
    }

    [Fact]
    public async Task TheLastPageHasNoNextLink()
    {
        var page = await api.GetJson("/collections/bases/items?limit=5");
        Assert.Null(NextLink(page));
        Assert.Equal(5, (int)page["numberReturned"]!);
    }

    [Fact]
    public async Task ALaterPageLinksBackToThePreviousOne()
    {
        var page = await api.GetJson("/collections/bases/items?limit=2&offset=2");
        var prev = page["links"]!.AsArray().Single(l => (string?)l!["rel"] == "prev")!;
        Assert.EndsWith("offset=0", (string)prev["href"]!);
    }

    [Fact]
    public async Task ALimitAboveTheMaximumIsLoweredToTheMaximum()
    {
        var page = await api.GetJson("/collections/bases/items?limit=99999999");
        Assert.Equal(5, (int)page["numberReturned"]!);
    }

    private static string? NextLink(JsonObject page) =>
        (string?)page["links"]!.AsArray().FirstOrDefault(l => (string?)l!["rel"] == "next")?["href"];
}
