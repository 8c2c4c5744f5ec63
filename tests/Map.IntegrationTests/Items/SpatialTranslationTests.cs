using Map.Data;
using Map.Data.Queries;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace Map.IntegrationTests.Items;

[Collection(ApiCollection.Name)]
public sealed class SpatialTranslationTests(ApiFixture api)
{
    [Fact]
    public void TheBboxFilterIsTranslatedToStIntersectsOnTheIndexedColumn()
    {
        using var scope = api.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MapDbContext>();
        var filter = new FeatureFilter("bases") { Bbox = new Envelope(40.5, 42, 36, 37.5), ValidTime = ValidTime.On(new DateOnly(2020, 1, 1)) };

        var sql = db.Features.Matching(filter).ToQueryString();

        Assert.Contains("ST_Intersects(f.geometry,", sql);
        Assert.Contains("f.valid_from <=", sql);
        Assert.Contains("f.valid_to IS NULL OR f.valid_to >=", sql);
    }
}
