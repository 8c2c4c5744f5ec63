namespace Map.IntegrationTests.Items;

[Collection(ApiCollection.Name)]
public sealed class ItemsFilterTests(ApiFixture api)
{
    private const string Bbox = "40.5,36.0,42.0,37.5";

    [Fact]
    public async Task BboxReturnsExactlyTheFeaturesInsideIt() =>
        Assert.Equal(["always", "ended-2018", "from-2021", "successor"], await api.FeatureIds($"/collections/bases/items?bbox={Bbox}"));

    [Fact]
    public async Task APolygonCrossingTheBboxEdgeIsReturned() =>
        Assert.Equal(["strip"], await api.FeatureIds($"/collections/zones/items?bbox={Bbox}"));

    [Fact]
    public async Task ABboxAwayFromEveryFeatureReturnsAnEmptyCollection() =>
        Assert.Empty(await api.FeatureIds("/collections/bases/items?bbox=20,20,21,21"));

    [Fact]
    public async Task AnInstantShowsWhatWasPresentThatDayButNotWhatEndedBeforeOrStartedAfter() =>
        Assert.Equal(["always", "successor"], await api.FeatureIds($"/collections/bases/items?bbox={Bbox}&datetime=2020-01-01"));

    [Fact]
    public async Task TheLastDayOfAValidRangeStillCounts() =>
        Assert.Contains("ended-2018", await api.FeatureIds("/collections/bases/items?datetime=2018-12-31"));

    [Fact]
    public async Task ADateTimeInstantIsTakenAsItsUtcDay() =>
        Assert.Contains("ended-2018", await api.FeatureIds("/collections/bases/items?datetime=2018-12-31T23:30:00Z"));

    [Fact]
    public async Task AClosedIntervalReturnsEverythingPresentAtAnyTimeInIt() =>
        Assert.Equal(["always", "coast", "ended-2018", "successor"], await api.FeatureIds("/collections/bases/items?datetime=2018-06-01/2020-01-01"));

    [Fact]
    public async Task AnIntervalOpenAtTheStartReturnsWhatBeganBeforeItsEnd() =>
        Assert.Equal(["always", "ended-2018"], await api.FeatureIds("/collections/bases/items?bbox=40.5,36.0,42.0,37.5&datetime=../2017-01-01"));

    [Fact]
    public async Task AnIntervalOpenAtTheEndReturnsWhatLastedIntoIt() =>
        Assert.Equal(["always", "coast", "from-2021", "successor"], await api.FeatureIds("/collections/bases/items?datetime=2021-01-01/.."));

    [Fact]
    public async Task FeaturesCarryTheirSourcesDatesConfidenceAndFreeFormProperties()
    {
        var feature = await api.GetJson("/collections/bases/items/always");
        var properties = feature["properties"]!;
        Assert.Equal("Lasting base", (string?)properties["name"]);
        Assert.Equal("alpha", (string?)properties["actor"]);
        Assert.Equal("2015-01-01", (string?)properties["validFrom"]);
        Assert.Null(properties["validTo"]);
        Assert.Equal(0.8, (double)properties["confidence"]!);
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
