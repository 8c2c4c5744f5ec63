using System.Text.Json.Nodes;

namespace Map.IntegrationTests.Items;

/// <summary>
/// sortby on a property that can be null puts the nulls last, ascending or descending, and the next and prev links
/// walk that order without skipping or repeating a feature. The expected order is worked out here from the fixture's
/// bases (several have no validTo, most no accuracyMeters or nameAr), by the rule the README states: each key in its
/// direction, nulls after every value, then the id.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ItemsSortingTests(ApiFixture api)
{
    [Theory]
    [InlineData("validTo")]
    [InlineData("-validTo")]
    [InlineData("-validTo,-name")]
    [InlineData("accuracyMeters")]
    [InlineData("-accuracyMeters,-id")]
    [InlineData("-nameAr,validFrom")]
    public async Task NullsSortLastInEitherDirectionAndPagesWalkTheOrderBothWays(string sortby)
    {
        var order = await ExpectedOrder(sortby);
        Assert.NotEmpty(order);

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
        var all = await api.GetJson("/collections/bases/items?limit=1000&properties=validTo");
        var latest = all["features"]!.AsArray().Select(f => (string?)f!["properties"]!["validTo"])
            .Where(v => v is not null).Max(StringComparer.Ordinal);

        var page = await api.GetJson("/collections/bases/items?limit=1&sortby=-validTo&properties=validTo");

        Assert.NotNull(latest);
        Assert.Equal(latest, (string?)page["features"]![0]!["properties"]!["validTo"]);
    }

    /// <summary>The layer's ids in the order sortby asks for, nulls last for every key, the id ascending last unless named.</summary>
    private async Task<string[]> ExpectedOrder(string sortby)
    {
        var features = (await api.GetJson("/collections/bases/items?limit=1000"))["features"]!.AsArray().Select(f => f!.AsObject()).ToList();
        var keys = sortby.Split(',').Select(k => (Name: k.TrimStart('-', '+'), Descending: k.StartsWith('-'))).ToList();
        if (!keys.Any(k => k.Name == "id")) keys.Add(("id", false));
        features.Sort((a, b) =>
        {
            foreach (var (name, descending) in keys)
            {
                JsonNode? x = Value(a, name), y = Value(b, name);
                if (x is null || y is null)
                {
                    if (x is null && y is null) continue;
                    return x is null ? 1 : -1;
                }
                var compared = x.GetValueKind() == System.Text.Json.JsonValueKind.Number
                    ? x.GetValue<double>().CompareTo(y.GetValue<double>())
                    : string.CompareOrdinal(x.GetValue<string>(), y.GetValue<string>());
                if (compared != 0) return descending ? -compared : compared;
            }
            return 0;
        });
        return [.. features.Select(f => (string)f["id"]!)];
    }

    private static JsonNode? Value(JsonObject feature, string name) => name == "id" ? feature["id"] : feature["properties"]![name];

    /// <summary>The pages met following one kind of link from a URL until there is none, in visiting order.</summary>
    private async Task<List<JsonObject>> Walk(string url, string rel)
    {
        var pages = new List<JsonObject>();
        for (string? next = url; next is not null; next = ApiFixture.Link(pages[^1], rel)) pages.Add(await api.GetJson(next));
        return pages;
    }

    private static string[] Ids(JsonObject page) => page["features"]!.AsArray().Select(f => (string)f!["id"]!).ToArray();
}
