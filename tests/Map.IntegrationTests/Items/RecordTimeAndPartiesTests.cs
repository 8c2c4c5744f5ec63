using Map.IntegrationTests.AnalystMap;

namespace Map.IntegrationTests.Items;

/// <summary>Each record says when it was last confirmed (its newest source) and, for an encounter, who took part.</summary>
[Collection(AnalystCollection.Name)]
public sealed class RecordTimeAndPartiesTests(AnalystFixture fixture)
{
    [Fact]
    public async Task LastConfirmedIsTheNewestSourceDateTakenAsTheFirstDayItCanMean()
    {
        // Sources published 2020-08-26 and "2020-09": the month counts from its first day.
        var collision = await fixture.GetJson("/collections/encounters/items/collision");
        Assert.Equal("2020-09-01", (string?)collision["properties"]!["lastConfirmed"]);

        var old = await fixture.GetJson("/collections/encounters/items/old-post");
        Assert.Equal("2017-01-01", (string?)old["properties"]!["lastConfirmed"]);
    }

    [Fact]
    public async Task AnEncounterNamesItsPartiesAsAnArrayOfActorIds()
    {
        var collision = await fixture.GetJson("/collections/encounters/items/collision");

        Assert.Equal("[\"alpha\",\"beta\"]", collision["properties"]!["parties"]!.ToJsonString());
        Assert.Equal("[]", (await fixture.GetJson("/collections/encounters/items/old-post"))["properties"]!["parties"]!.ToJsonString());
    }

    [Fact]
    public async Task LastConfirmedCanBeFilteredAndSorted()
    {
        var stale = await fixture.GetJson("/collections/encounters/items?filter=" + Uri.EscapeDataString("lastConfirmed < DATE('2019-01-01')"));
        Assert.Equal(["old-post"], stale["features"]!.AsArray().Select(f => (string)f!["id"]!).ToArray());

        var sorted = await fixture.GetJson("/collections/encounters/items?sortby=-lastConfirmed");
        Assert.Equal(["collision", "old-post"], sorted["features"]!.AsArray().Select(f => (string)f!["id"]!).ToArray());
        Assert.Contains("lastConfirmed", (await fixture.GetJson("/collections/encounters/queryables"))["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task TheClientConfigSaysWhenRecordsCountAsUnconfirmedAndHowNewTheDataIs()
    {
        var config = await fixture.GetJson("/client-config");

        Assert.Equal(12, (int?)config["unconfirmedAfterMonths"]);
        // The newest date of a published presence record: the collision's source of September 2020 (the fixture's
        // bases start no later than 2021-06-01, which is newer).
        Assert.Equal("2021-06-01", (string?)config["dataAsOf"]);
    }
}
