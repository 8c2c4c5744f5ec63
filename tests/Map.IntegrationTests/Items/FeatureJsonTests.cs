using System.Text.Json.Nodes;

namespace Map.IntegrationTests.Items;

/// <summary>The GeoJSON text PostgreSQL writes for each feature: RFC 7946 geometry, model fields, free-form properties.</summary>
[Collection(ApiCollection.Name)]
public sealed class FeatureJsonTests(ApiFixture api)
{
    [Fact]
    public async Task APointIsWrittenInLonLatOrder()
    {
        var feature = await api.GetJson("/collections/bases/items/coast");
        Assert.Equal("""{"type":"Point","coordinates":[35.9,35.4]}""", feature["geometry"]!.ToJsonString());
    }

    [Fact]
    public async Task APolygonKeepsItsRings()
    {
        var feature = await api.GetJson("/collections/zones/items/strip");
        Assert.Equal("""{"type":"Polygon","coordinates":[[[40,36.8],[41.5,36.8],[41.5,37.1],[40,37.1],[40,36.8]]]}""",
            feature["geometry"]!.ToJsonString());
    }

    [Fact]
    public async Task ArabicTextIsWrittenAsUtf8NotEscaped()
    {
        var body = await api.Client.GetStringAsync("/collections/bases/items/always");
        Assert.Contains("اسم Lasting base", body);
        Assert.DoesNotContain("\\u0627", body);
    }

    [Fact]
    public async Task AnOpenEndedRangeIsANullValidToAndAClosedOneADate()
    {
        var open = (await api.GetJson("/collections/bases/items/always"))["properties"]!;
        var closed = (await api.GetJson("/collections/bases/items/ended-2018"))["properties"]!;
        Assert.Null(open["validTo"]);
        Assert.Equal("2018-12-31", (string?)closed["validTo"]);
        Assert.Equal("day", (string?)closed["datePrecision"]);
    }

    [Fact]
    public async Task TheModelFieldsComeFirstAndFreeFormPropertiesFollowWithTheirOwnNames()
    {
        var properties = (await api.GetJson("/collections/bases/items/always"))["properties"]!.AsObject();
        var names = properties.Select(p => p.Key).ToList();
        Assert.Equal(["layer", "name", "nameAr", "actor", "kind", "validFrom"], names.Take(6));
        Assert.True(names.IndexOf("garrison") > names.IndexOf("predecessor"));
        Assert.Equal("about 200", (string?)properties["garrison"]);
        Assert.Single(names, n => n == "name");
    }
}
