using System.Text.Json.Nodes;

namespace Map.IntegrationTests.Items;

/// <summary>
/// sortby on a property that can be null puts the nulls last, ascending or descending, and the next and prev links
/// walk that order without skipping or repeating a feature (the fixture's bases: three of five have no validTo, four
/// no accuracyMeters).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ItemsSortingTests(ApiFixture api)
{
    [Theory]
    [InlineData("validTo", "ended-2018,successor,always,coast,from-2021")]
    [InlineData("-validTo", "successor,ended-2018,always,coast,from-2021")]
    [InlineData("-validTo,-name", "successor,ended-2018,from-2021,always,coast")]
    [InlineData("accuracyMeters", "always,coast,ended-2018,from-2021,successor")]
    [InlineData("-accuracyMeters,-id", "always,successor,from-2021,ended-2018,coast")]
    [InlineData("-nameAr,validFrom", "successor,from-2021,always,ended-2018,coast")]
    public async Task NullsSortLastInEitherDirectionAndPagesWalkTheOrderBothWays(string sortby, string expected)
    {
        var order = expected.Split(',');

        var forward = await Walk($"/collections/bases/items?limit=2&sortby={Uri.EscapeDataString(sortby)}", "next");
        var backward = await Walk(ApiFixture.Link(forward[^1], "prev")!, "prev");

        Assert.Equal(order, forward.SelectMany(Ids).ToArray());
        // Walking back from the last page visits every page before it, latest first.
        string[] walkedBack = [.. Enumerable.Reverse(backward).SelectMany(Ids), .. Ids(forward[^1])];
        Assert.Equal(order, walkedBack);
    }

    [Fact]
    public async Task TheFirstPageOfADescendingSortOnANullablePropertyHoldsTheLatestValuesNotTheNulls()
    {
        var page = await api.GetJson("/collections/bases/items?limit=1&sortby=-validTo&properties=validTo");

        Assert.Equal("2024-12-08", (string?)page["features"]![0]!["properties"]!["validTo"]);
    }

    /// <summary>The pages met following one kind of link from a URL until there is none, in visiting order.</summary>
    private async Task<List<JsonObject>> Walk(string url, string rel)
    {
        var pages = new List<JsonObject>();
        for (string? next = url; next is not null; next = ApiFixture.Link(pages[^1], rel)) pages.Add(await api.GetJson(next));
        return pages;
    }

    private static string[] Ids(JsonObject page) => page["features"]!.AsArray().Select(f => (string)f!["id"]!).ToArray();
}
