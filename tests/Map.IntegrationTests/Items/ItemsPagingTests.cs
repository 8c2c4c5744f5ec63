using System.Text.Json.Nodes;

namespace Map.IntegrationTests.Items;

[Collection(ApiCollection.Name)]
public sealed class ItemsPagingTests(ApiFixture api)
{
    private static readonly string[] AllBases = ["always", "coast", "ended-2018", "from-2021", "successor"];

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
            url = ApiFixture.Link(page, "next");
        }
        Assert.Equal(3, pages);
        Assert.Equal(AllBases, seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task APagingWalkReturnsEveryOriginalFeatureOnceWhileFeaturesAreAddedBetweenPages()
    {
        var seen = new List<string>();
        var url = "/collections/bases/items?limit=2";
        try
        {
            for (var page = 0; url is not null; page++)
            {
                var document = await api.GetJson(url);
                seen.AddRange(document["features"]!.AsArray().Select(f => (string)f!["id"]!));
                // New features sort before, among and after the ones already read.
                await api.ExecuteAsync(
                    "INSERT INTO features (id, layer_id, name, kind, geometry, valid_from, date_precision, confidence, approximate, " +
                    "sources, properties, created_at, updated_at)\n" +
                    "SELECT v.id, 'bases', 'Added during the walk', 'base', ST_SetSRID(ST_MakePoint(40.9, 36.6), 4326), '2020-01-01', " +
                    "'Day', 0.5, false, '[]', '{}', now(), now()\n" +
                    $"FROM (VALUES ('aaa-added-{page}'), ('d-added-{page}'), ('zzz-added-{page}')) v(id)");
                url = ApiFixture.Link(document, "next");
            }
        }
        finally
        {
            await api.ExecuteAsync("DELETE FROM features WHERE id LIKE '%-added-%'");
        }
        var originals = seen.Where(id => !id.Contains("-added-")).ToList();
        Assert.Equal(AllBases, originals.Order());
        Assert.Equal(originals.Count, originals.Distinct().Count());
    }

    [Fact]
    public async Task NextLinksKeepEveryQueryParameterAndCarryACursorInsteadOfAnOffset()
    {
        var page = await api.GetJson("/collections/bases/items?limit=1&bbox=40.5,36.0,42.0,37.5&datetime=2020-01-01&offset=0");
        var next = ApiFixture.Link(page, "next")!;
        Assert.Contains("bbox=40.5", next);
        Assert.Contains("datetime=2020-01-01", next);
        Assert.Contains("limit=1", next);
        Assert.Contains("cursor=", next);
        Assert.DoesNotContain("offset=", next);
    }

    [Fact]
    public async Task TheFirstAndLastPagesHaveNoPrevAndNoNextLink()
    {
        var page = await api.GetJson("/collections/bases/items?limit=5");
        Assert.Null(ApiFixture.Link(page, "next"));
        Assert.Null(ApiFixture.Link(page, "prev"));
        Assert.Equal(5, (int)page["numberReturned"]!);
    }

    [Fact]
    public async Task PrevLinksWalkBackThroughTheSamePages()
    {
        var first = await api.GetJson("/collections/bases/items?limit=2");
        var second = await api.GetJson(ApiFixture.Link(first, "next")!);
        var third = await api.GetJson(ApiFixture.Link(second, "next")!);

        var backToSecond = await api.GetJson(ApiFixture.Link(third, "prev")!);
        var backToFirst = await api.GetJson(ApiFixture.Link(backToSecond, "prev")!);

        Assert.Equal(Ids(second), Ids(backToSecond));
        Assert.Equal(Ids(first), Ids(backToFirst));
        Assert.Null(ApiFixture.Link(backToFirst, "prev"));
        Assert.Equal(Ids(second), Ids(await api.GetJson(ApiFixture.Link(backToFirst, "next")!)));
    }

    [Fact]
    public async Task AnOffsetSkipsFeaturesAndItsPageLinksBack()
    {
        var page = await api.GetJson("/collections/bases/items?limit=2&offset=2");
        Assert.Equal(["ended-2018", "from-2021"], Ids(page));
        Assert.Equal(["always", "coast"], Ids(await api.GetJson(ApiFixture.Link(page, "prev")!)));
    }

    [Fact]
    public async Task SortbyOrdersPagesAndTheCursorFollowsThatOrder()
    {
        var seen = new List<string>();
        var url = "/collections/bases/items?limit=2&sortby=-validFrom";
        while (url is not null)
        {
            var page = await api.GetJson(url);
            seen.AddRange(Ids(page));
            url = ApiFixture.Link(page, "next");
        }
        Assert.Equal(["from-2021", "successor", "ended-2018", "coast", "always"], seen);
    }

    [Fact]
    public async Task SortingByANullablePropertyPutsNullsLastAndStillPagesCompletely()
    {
        var seen = new List<string>();
        var url = "/collections/bases/items?limit=2&sortby=validTo,+name";
        while (url is not null)
        {
            var page = await api.GetJson(url);
            seen.AddRange(Ids(page));
            url = ApiFixture.Link(page, "next");
        }
        Assert.Equal(["ended-2018", "successor", "coast", "always", "from-2021"], seen);
    }

    [Fact]
    public async Task NumberMatchedIsExactWhenThePageHoldsTheWholeResult()
    {
        Assert.Equal(5, (int)(await api.GetJson("/collections/bases/items"))["numberMatched"]!);
        Assert.Equal(0, (int)(await api.GetJson("/collections/bases/items?bbox=20,20,21,21"))["numberMatched"]!);
    }

    [Fact]
    public async Task NumberMatchedIsCountedUpToTheCapAndLeftOutAboveIt()
    {
        // The fixture runs with Api:NumberMatchedCap = 3.
        Assert.Equal(2, (int)(await api.GetJson("/collections/bases/items?limit=1&actor=alpha"))["numberMatched"]!);
        Assert.Equal(3, (int)(await api.GetJson("/collections/bases/items?limit=1&actor=beta"))["numberMatched"]!);
        Assert.Null((await api.GetJson("/collections/bases/items?limit=2"))["numberMatched"]);
    }

    [Fact]
    public async Task ALimitAboveTheMaximumIsLoweredToTheMaximum()
    {
        var page = await api.GetJson("/collections/bases/items?limit=99999999");
        Assert.Equal(5, (int)page["numberReturned"]!);
    }

    [Fact]
    public async Task AForgedCursorIsA400NamingIt()
    {
        Assert.Equal("cursor", (string?)(await api.GetProblem("/collections/bases/items?cursor=not-a-cursor", 400))["parameter"]);
        var dateCursor = Convert.ToBase64String("""{"K":["2020-13-45","x"],"P":false}"""u8).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal("cursor", (string?)(await api.GetProblem($"/collections/bases/items?sortby=validFrom&cursor={dateCursor}", 400))["parameter"]);
    }

    private static string[] Ids(JsonObject page) => page["features"]!.AsArray().Select(f => (string)f!["id"]!).ToArray();
}
