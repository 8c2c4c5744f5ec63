namespace Map.IntegrationTests.Items;

[Collection(ApiCollection.Name)]
public sealed class ItemsFilterTests(ApiFixture api)
{
    private const string Bbox = "40.5,36.0,42.0,37.5";

    [Fact]
    public async Task BboxReturnsExactlyTheFeaturesInsideIt() =>
        // east-outside lies 0.1° east of the box, coast far west of it.
        Assert.Equal(["always", "delta-post", "ended-2018", "from-2021", "gone-2019", "successor"],
            await api.FeatureIds($"/collections/bases/items?bbox={Bbox}"));

    [Fact]
    public async Task APolygonCrossingTheBboxEdgeIsReturned() =>
        Assert.Equal(["strip"], await api.FeatureIds($"/collections/zones/items?bbox={Bbox}")); // and not west-zone

    [Fact]
    public async Task ABboxAwayFromEveryFeatureReturnsAnEmptyCollection() =>
        Assert.Empty(await api.FeatureIds("/collections/bases/items?bbox=20,20,21,21"));

    [Fact]
    public async Task AnInstantShowsWhatWasPresentThatDayButNotWhatEndedBeforeOrStartedAfter() =>
        Assert.Equal(["always", "delta-post", "successor"], await api.FeatureIds($"/collections/bases/items?bbox={Bbox}&datetime=2020-01-01"));

    [Fact]
    public async Task AnInstantLeavesOutWhatEndedTheDayBeforeAndWhatStartsTheDayAfter() =>
        // gone-2019 ended on 2019-12-31, east-outside starts on 2020-01-02; delta-post lasts exactly that one day.
        Assert.Equal(["always", "coast", "delta-post", "successor"], await api.FeatureIds("/collections/bases/items?datetime=2020-01-01"));

    [Fact]
    public async Task TheLastDayOfAValidRangeStillCountsAndTheNextDayDoesNot()
    {
        Assert.Equal(["always", "coast", "ended-2018"], await api.FeatureIds("/collections/bases/items?datetime=2018-12-31"));
        Assert.Equal(["always", "coast", "successor"], await api.FeatureIds("/collections/bases/items?datetime=2019-01-01"));
    }

    [Fact]
    public async Task ADateTimeInstantIsTakenAsItsUtcDay()
    {
        Assert.Equal(["always", "coast", "ended-2018"], await api.FeatureIds("/collections/bases/items?datetime=2018-12-31T23:30:00Z"));
        // 01:30 on 1 January in UTC+03:00 is still 31 December in UTC.
        Assert.Equal(["always", "coast", "ended-2018"],
            await api.FeatureIds($"/collections/bases/items?datetime={Uri.EscapeDataString("2019-01-01T01:30:00+03:00")}"));
    }

    [Fact]
    public async Task AClosedIntervalReturnsEverythingPresentAtAnyTimeInIt() =>
        // east-outside starts the day after the interval, from-2021 later still.
        Assert.Equal(["always", "coast", "delta-post", "ended-2018", "gone-2019", "successor"],
            await api.FeatureIds("/collections/bases/items?datetime=2018-06-01/2020-01-01"));

    [Fact]
    public async Task AnIntervalOpenAtTheStartReturnsWhatBeganBeforeItsEnd() =>
        Assert.Equal(["always", "ended-2018"], await api.FeatureIds("/collections/bases/items?bbox=40.5,36.0,42.0,37.5&datetime=../2017-01-01"));

    [Fact]
    public async Task AnIntervalOpenAtTheEndReturnsWhatLastedIntoIt() =>
        Assert.Equal(["always", "coast", "east-outside", "from-2021", "successor"], await api.FeatureIds("/collections/bases/items?datetime=2021-01-01/.."));

    [Fact]
    public async Task FeaturesCarryTheirSourcesDatesConfidenceAndFreeFormProperties()
    {
        var feature = await api.GetJson("/collections/bases/items/always");
        var properties = feature["properties"]!;
        Assert.Equal("Lasting base", (string?)properties["name"]);
        Assert.Equal("alpha", (string?)properties["actor"]);
        Assert.Equal("2015-01-01", (string?)properties["validFrom"]);
        Assert.Null(properties["validTo"]);
        Assert.Equal(0.9, (double)properties["confidence"]!);
        Assert.True((bool)properties["approximate"]!);
        Assert.Equal("https://example.org/fixture", (string?)properties["sources"]![0]!["url"]);
        Assert.Equal("نص عربي", (string?)properties["ملاحظة"]);
        Assert.Equal("{\"type\":\"Point\",\"coordinates\":[40.7,36.5]}", feature["geometry"]!.ToJsonString());
    }

    [Fact]
    public async Task ItemsAreServedAsGeoJson()
    {
        var response = await api.Client.GetAsync("/collections/bases/items");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
    }
}
