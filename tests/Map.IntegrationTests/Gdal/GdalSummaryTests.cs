namespace Map.IntegrationTests.Gdal;

/// <summary>
/// Debian 12's GDAL summarising a layer (<c>ogrinfo -so</c>, what QGIS does on opening one): it takes the count from
/// the first page's numberMatched instead of reading every feature.
/// </summary>
public sealed class GdalSummaryTests(RecordingApiFixture api) : IClassFixture<RecordingApiFixture>
{
    [Fact]
    public async Task OgrinfoSummaryCountsTheLayerExactlyInAtMostThreeItemRequests()
    {
        const string collection = "bases";
        var expected = await api.Database.ScalarAsync<long>($"SELECT count(*) FROM features WHERE layer_id = '{collection}'");
        var before = api.Requests.Count;

        // PAGE_SIZE=2: without numberMatched GDAL would page through the whole layer, two features a request.
        var summary = await GdalTool.RunAsync("ogrinfo", "-ro", "-so", api.Service, collection, "-oo", "PAGE_SIZE=2");

        var itemRequests = api.Requests.Skip(before).Count(r => r.StartsWith($"/collections/{collection}/items", StringComparison.Ordinal));
        Assert.True(expected > 6, $"{collection} holds {expected} features: too few to tell a count from paging");
        Assert.Contains($"Feature Count: {expected}", summary);
        Assert.InRange(itemRequests, 0, 3);
    }
}
