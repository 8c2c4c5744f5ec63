using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace Map.IntegrationTests.Items;

[Collection(ApiCollection.Name)]
public sealed class ItemsPagingTests(ApiFixture api)
{
    /// <summary>The fixture's bases layer (Fixtures/geodata/README.md), in id order.</summary>
    private static readonly string[] AllBases =
        ["always", "coast", "delta-post", "east-outside", "ended-2018", "from-2021", "gone-2019", "successor"];

    [Fact]
    public async Task FollowingNextLinksReturnsEveryFeatureExactlyOnce()
    {
        var seen = new List<string>();
        var url = "/collections/bases/items?limit=3&datetime=2010-01-01/..";
        var pages = 0;
        while (url is not null)
        {
            var page = await api.GetJson(url);
            pages++;
            Assert.True((int)page["numberReturned"]! <= 3);
            seen.AddRange(page["features"]!.AsArray().Select(f => (string)f!["id"]!));
            url = ApiFixture.Link(page, "next");
        }
        Assert.Equal(3, pages); // 3 + 3 + 2
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

    [Theory]
    [InlineData("")]
    [InlineData("&sortby=-validFrom")]
    public async Task APagingWalkReturnsEveryRemainingFeatureOnceWhileFeaturesAreRemovedBetweenPages(string sortby)
    {
        // Twelve features of their own kind, one day apart: walk-00 is the oldest.
        await api.ExecuteAsync(
            "INSERT INTO features (id, layer_id, name, kind, geometry, valid_from, date_precision, confidence, approximate, " +
            "sources, properties, created_at, updated_at)\n" +
            "SELECT 'walk-' || lpad(i::text, 2, '0'), 'bases', 'Walked ' || i, 'walk-test', ST_SetSRID(ST_MakePoint(40.9, 36.6), 4326), " +
            "date '2020-01-01' + i, 'Day', 0.5, false, '[]', '{}', now(), now() FROM generate_series(0, 11) AS i");
        var seen = new List<string>();
        var removed = new HashSet<string>();
        try
        {
            var url = $"/collections/bases/items?limit=3&kind=walk-test{sortby}";
            while (url is not null)
            {
                var document = await api.GetJson(url);
                var page = Ids(document);
                seen.AddRange(page);
                url = ApiFixture.Link(document, "next");
                if (page.Length == 0) break;
                // Before the client follows next: remove the row that page continues from, one already read and one not
                // read yet. An offset would then skip features; a cursor must not.
                var unread = (await WalkIds()).Except(seen).ToList();
                // Only walk features: a server that ignored kind must fail this test, not delete the fixture.
                var gone = new[] { page[^1], seen[0] }.Concat(unread.Take(1)).Where(id => id.StartsWith("walk-", StringComparison.Ordinal))
                    .Distinct().ToArray();
                removed.UnionWith(gone.Where(unread.Contains));
                if (gone.Length > 0) await api.ExecuteAsync($"DELETE FROM features WHERE id IN ({string.Join(", ", gone.Select(id => $"'{id}'"))})");
            }
        }
        finally
        {
            await api.ExecuteAsync("DELETE FROM features WHERE kind = 'walk-test'");
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var expected = Enumerable.Range(0, 12).Select(i => $"walk-{i:00}").Except(removed).ToList();
        Assert.Equal(expected.Order(), seen.Order());
        Assert.NotEmpty(removed);
    }

    private async Task<string[]> WalkIds() =>
        (await api.App.Database.ScalarAsync<string>("SELECT coalesce(string_agg(id, ','), '') FROM features WHERE kind = 'walk-test'"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries);

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
        var page = await api.GetJson($"/collections/bases/items?limit={AllBases.Length}");
        Assert.Null(ApiFixture.Link(page, "next"));
        Assert.Null(ApiFixture.Link(page, "prev"));
        Assert.Equal(AllBases.Length, (int)page["numberReturned"]!);
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
        Assert.Equal(["delta-post", "east-outside"], Ids(page));
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
        Assert.Equal(["from-2021", "east-outside", "delta-post", "gone-2019", "successor", "ended-2018", "coast", "always"], seen);
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
        // Closed ranges by end date, then the open-ended ones by name: "Base east…", "Coastal…", "Lasting…", "Later…".
        Assert.Equal(["ended-2018", "gone-2019", "delta-post", "successor", "east-outside", "coast", "always", "from-2021"], seen);
    }

    [Fact]
    public async Task NumberMatchedIsExactWhenThePageHoldsTheWholeResult()
    {
        Assert.Equal(AllBases.Length, (int)(await api.GetJson("/collections/bases/items"))["numberMatched"]!);
        Assert.Equal(0, (int)(await api.GetJson("/collections/bases/items?bbox=20,20,21,21"))["numberMatched"]!);
    }

    [Fact]
    public async Task NumberMatchedIsCountedUpToTheCapAndLeftOutAboveIt()
    {
        // The fixture runs with Api:NumberMatchedCap = 3.
        Assert.Equal(2, (int)(await api.GetJson("/collections/bases/items?limit=1&actor=delta"))["numberMatched"]!);
        Assert.Equal(3, (int)(await api.GetJson("/collections/bases/items?limit=1&actor=alpha"))["numberMatched"]!);
        Assert.Null((await api.GetJson("/collections/bases/items?limit=1&kind=base"))["numberMatched"]); // 4 bases
    }

    [Fact]
    public async Task NumberMatchedOfARequestThatNarrowsNothingIsTheLayersCountOnEveryPage()
    {
        // Above the cap of 3, yet exact: the layer's maintained count (what ogrinfo -so asks for).
        var first = await api.GetJson("/collections/bases/items?limit=2");
        var second = await api.GetJson(ApiFixture.Link(first, "next")!);

        Assert.Equal(AllBases.Length, (int)first["numberMatched"]!);
        Assert.Equal(AllBases.Length, (int)second["numberMatched"]!);
    }

    [Fact]
    public async Task ALimitAboveTheMaximumIsLoweredToTheMaximum()
    {
        // The same app and database with Map:MaxLimit lowered to 3, so that the layer's 8 features are more than the cap.
        await using var capped = api.App.WithWebHostBuilder(web => web.UseSetting("Map:MaxLimit", "3"));
        using var client = capped.CreateClient();

        var page = (await client.GetFromJsonAsync<JsonObject>("/collections/bases/items?limit=99999999"))!;

        Assert.Equal(3, (int)page["numberReturned"]!);
        Assert.Equal(["always", "coast", "delta-post"], Ids(page));
        var next = ApiFixture.Link(page, "next");
        Assert.NotNull(next);
        Assert.Equal(AllBases.Length, (int)(await api.GetJson("/collections/bases/items?limit=99999999"))["numberReturned"]!);
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
