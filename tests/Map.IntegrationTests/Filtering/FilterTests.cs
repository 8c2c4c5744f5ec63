namespace Map.IntegrationTests.Filtering;

/// <summary>Part 3: CQL2 text and JSON give the same features; property parameters; properties and sortby selection.</summary>
[Collection(ApiCollection.Name)]
public sealed class FilterTests(ApiFixture api)
{
    private const string Items = "/collections/bases/items";

    [Theory]
    [InlineData("actor = 'alpha'", """{"op":"=","args":[{"property":"actor"},"alpha"]}""", new[] { "always", "ended-2018" })]
    [InlineData("actor <> 'alpha' AND validFrom >= DATE('2019-01-01')",
        """{"op":"and","args":[{"op":"<>","args":[{"property":"actor"},"alpha"]},{"op":">=","args":[{"property":"validFrom"},{"date":"2019-01-01"}]}]}""",
        new[] { "from-2021", "successor" })]
    [InlineData("validTo IS NULL OR name LIKE 'Ended%'",
        """{"op":"or","args":[{"op":"isNull","args":[{"property":"validTo"}]},{"op":"like","args":[{"property":"name"},"Ended%"]}]}""",
        new[] { "always", "coast", "ended-2018", "from-2021" })]
    [InlineData("NOT (actor IN ('alpha'))",
        """{"op":"not","args":[{"op":"in","args":[{"property":"actor"},["alpha"]]}]}""",
        new[] { "coast", "from-2021", "successor" })]
    [InlineData("confidence BETWEEN 0.5 AND 0.9 AND approximate = true",
        """{"op":"and","args":[{"op":"between","args":[{"property":"confidence"},0.5,0.9]},{"op":"=","args":[{"property":"approximate"},true]}]}""",
        new[] { "always" })]
    [InlineData("S_INTERSECTS(geometry, POLYGON((40.5 36, 42 36, 42 37.5, 40.5 37.5, 40.5 36)))",
        """{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[40.5,36],[42,36],[42,37.5],[40.5,37.5],[40.5,36]]]}]}""",
        new[] { "always", "ended-2018", "from-2021", "successor" })]
    [InlineData("S_INTERSECTS(geometry, BBOX(35, 35, 36, 36))",
        """{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[35,35,36,36]}]}""",
        new[] { "coast" })]
    [InlineData("T_INTERSECTS(INTERVAL(validFrom, validTo), DATE('2020-01-01'))",
        """{"op":"t_intersects","args":[{"interval":[{"property":"validFrom"},{"property":"validTo"}]},{"date":"2020-01-01"}]}""",
        new[] { "always", "coast", "successor" })]
    [InlineData("T_INTERSECTS(INTERVAL(validFrom, validTo), INTERVAL('2017-01-01', '2018-06-30'))",
        """{"op":"t_intersects","args":[{"interval":[{"property":"validFrom"},{"property":"validTo"}]},{"interval":["2017-01-01","2018-06-30"]}]}""",
        new[] { "always", "coast", "ended-2018" })]
    [InlineData("T_INTERSECTS(validFrom, INTERVAL('2015-06-01', '..'))",
        """{"op":"t_intersects","args":[{"property":"validFrom"},{"interval":["2015-06-01",".."]}]}""",
        new[] { "coast", "ended-2018", "from-2021", "successor" })]
    public async Task Cql2TextAndJsonSelectTheSameFeatures(string text, string json, string[] expected)
    {
        Assert.Equal(expected, await api.FeatureIds($"{Items}?filter={Uri.EscapeDataString(text)}"));
        Assert.Equal(expected, await api.FeatureIds($"{Items}?filter-lang=cql2-json&filter={Uri.EscapeDataString(json)}"));
    }

    [Fact]
    public async Task AFilterCombinesWithBboxAndDatetime() =>
        Assert.Equal(["always"], await api.FeatureIds($"{Items}?bbox=40.5,36.0,42.0,37.5&datetime=2020-01-01&filter={Uri.EscapeDataString("actor='alpha'")}"));

    [Fact]
    public async Task AGeometryLiteralInEpsg4326IsReadLatitudeFirst() =>
        // coast is at 35.9°E 35.4°N: this box holds it only when read as minLat,minLon,maxLat,maxLon.
        Assert.Equal(["coast"], await api.FeatureIds(
            $"{Items}?filter-crs={Uri.EscapeDataString("http://www.opengis.net/def/crs/EPSG/0/4326")}" +
            $"&filter={Uri.EscapeDataString("S_INTERSECTS(geometry, BBOX(35.3, 35.8, 35.5, 36.0))")}"));

    [Fact]
    public async Task AGeometryLiteralInUtmIsTransformed() =>
        Assert.Equal(["coast"], await api.FeatureIds(
            $"{Items}?filter-crs={Uri.EscapeDataString("http://www.opengis.net/def/crs/EPSG/0/32637")}&filter=" +
            Uri.EscapeDataString("S_INTERSECTS(geometry, POLYGON((200000 3900000, 240000 3900000, 240000 3950000, 200000 3950000, 200000 3900000)))")));

    [Theory]
    [InlineData("actor=alpha", new[] { "always", "ended-2018" })]
    [InlineData("actor=alpha,beta&kind=base", new[] { "always", "coast", "ended-2018", "from-2021", "successor" })]
    [InlineData("name=Coastal%20base", new[] { "coast" })]
    [InlineData("approximate=true", new[] { "always" })]
    [InlineData("confidence=0.8&actor=beta", new[] { "coast", "from-2021", "successor" })]
    public async Task QueryablesWorkAsQueryParameters(string query, string[] expected) =>
        Assert.Equal(expected, await api.FeatureIds($"{Items}?{query}"));

    [Fact]
    public async Task PropertiesSelectsWhichPropertiesAreWritten()
    {
        var feature = (await api.GetJson($"{Items}?properties=name,actor&limit=1"))["features"]![0]!;
        Assert.Equal(["name", "actor"], feature["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("always", (string?)feature["id"]);
    }

    [Fact]
    public async Task AnEmptyPropertiesListWritesNoProperties()
    {
        var feature = (await api.GetJson($"{Items}?properties=&limit=1"))["features"]![0]!;
        Assert.Empty(feature["properties"]!.AsObject());
    }

    [Fact]
    public async Task QueryablesListEveryFilterablePropertyAsJsonSchema()
    {
        var response = await api.Client.GetAsync("/collections/bases/queryables");
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        var schema = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var names = schema["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(Map.Data.Queries.QueryableProperties.All.Select(q => q.Name).Prepend("geometry").Order(), names.Order());
        Assert.Equal("date", (string?)schema["properties"]!["validFrom"]!["format"]);
        Assert.Equal("primary-geometry", (string?)schema["properties"]!["geometry"]!["x-ogc-role"]);
    }
}
