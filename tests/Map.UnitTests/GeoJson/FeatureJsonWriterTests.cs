using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Map.Data.Model;
using Map.Web.GeoJson;
using NetTopologySuite.IO;

namespace Map.UnitTests.GeoJson;

public sealed class FeatureJsonWriterTests
{
    private static string Write(Feature feature)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, FeatureCollectionResult.WriterOptions)) FeatureJsonWriter.WriteFeature(json, feature);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Feature Feature(string wkt) => new()
    {
        Id = "russia-qamishli-airport",
        LayerId = "bases",
        ActorId = "russia",
        Name = "Qamishli airport",
        NameAr = "مطار القامشلي",
        Kind = "air base",
        Geometry = new WKTReader().Read(wkt),
        ValidFrom = new DateOnly(2019, 11, 14),
        ValidTo = null,
        Confidence = 0.9,
        Sources = [new("Report", "https://example.org/r", "2019-11-14")],
        Properties = new JsonObject { ["garrison"] = "helicopters", ["name"] = "shadowed" },
    };

    [Fact]
    public void APointIsWrittenAsRfc7946GeoJsonInLonLatOrder()
    {
        var feature = JsonNode.Parse(Write(Feature("POINT (41.19 37.02)")))!;
        Assert.Equal("""{"type":"Point","coordinates":[41.19,37.02]}""", feature["geometry"]!.ToJsonString());
        Assert.Equal("russia-qamishli-airport", (string?)feature["id"]);
    }

    [Fact]
    public void APolygonKeepsItsRings()
    {
        var feature = JsonNode.Parse(Write(Feature("POLYGON ((40 36, 41 36, 41 37, 40 37, 40 36))")))!;
        Assert.Equal("""{"type":"Polygon","coordinates":[[[40,36],[41,36],[41,37],[40,37],[40,36]]]}""", feature["geometry"]!.ToJsonString());
    }

    [Fact]
    public void ArabicTextIsWrittenAsIsNotEscaped() =>
        Assert.Contains("\"nameAr\":\"مطار القامشلي\"", Write(Feature("POINT (41 37)")));

    [Fact]
    public void AnOpenEndedRangeIsANullValidTo()
    {
        var properties = JsonNode.Parse(Write(Feature("POINT (41 37)")))!["properties"]!;
        Assert.Equal("2019-11-14", (string?)properties["validFrom"]);
        Assert.Null(properties["validTo"]);
        Assert.Equal("https://example.org/r", (string?)properties["sources"]![0]!["url"]);
    }

    [Fact]
    public void FreeFormPropertiesFollowButNeverShadowTheModel()
    {
        var properties = JsonNode.Parse(Write(Feature("POINT (41 37)")))!["properties"]!.AsObject();
        Assert.Equal("helicopters", (string?)properties["garrison"]);
        Assert.Equal("Qamishli airport", (string?)properties["name"]);
        Assert.Single(properties, p => p.Key == "name");
    }
}
