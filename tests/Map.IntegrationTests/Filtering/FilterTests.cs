namespace Map.IntegrationTests.Filtering;

/// <summary>Part 3: CQL2 text and JSON give the same features; property parameters; properties and sortby selection.</summary>
[Collection(ApiCollection.Name)]
public sealed class FilterTests(ApiFixture api)
{
    private const string Items = "/collections/bases/items";

    // Expected ids come from the fixture's table (Fixtures/geodata/README.md), not from the server.
    [Theory]
    [InlineData("actor = 'alpha'", """{"op":"=","args":[{"property":"actor"},"alpha"]}""", new[] { "always", "ended-2018", "gone-2019" })]
    [InlineData("actor <> 'alpha' AND validFrom >= DATE('2019-01-01')",
        """{"op":"and","args":[{"op":"<>","args":[{"property":"actor"},"alpha"]},{"op":">=","args":[{"property":"validFrom"},{"date":"2019-01-01"}]}]}""",
        new[] { "delta-post", "east-outside", "from-2021", "successor" })]
    [InlineData("validTo IS NULL OR name LIKE 'Ended%'",
        """{"op":"or","args":[{"op":"isNull","args":[{"property":"validTo"}]},{"op":"like","args":[{"property":"name"},"Ended%"]}]}""",
        new[] { "always", "coast", "east-outside", "ended-2018", "from-2021" })]
    [InlineData("NOT (actor IN ('alpha'))",
        """{"op":"not","args":[{"op":"in","args":[{"property":"actor"},["alpha"]]}]}""",
        new[] { "coast", "delta-post", "east-outside", "from-2021", "successor" })]
    [InlineData("kind IN ('outpost', 'air base')",
        """{"op":"in","args":[{"property":"kind"},["outpost","air base"]]}""",
        new[] { "coast", "from-2021", "gone-2019" })]
    [InlineData("confidence BETWEEN 0.5 AND 0.9",
        """{"op":"between","args":[{"property":"confidence"},0.5,0.9]}""",
        new[] { "always", "east-outside", "ended-2018", "from-2021", "successor" })]
    [InlineData("confidence < 0.5 AND approximate = true",
        """{"op":"and","args":[{"op":"<","args":[{"property":"confidence"},0.5]},{"op":"=","args":[{"property":"approximate"},true]}]}""",
        new[] { "gone-2019" })]
    [InlineData("S_INTERSECTS(geometry, POLYGON((40.5 36, 42 36, 42 37.5, 40.5 37.5, 40.5 36)))",
        """{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[40.5,36],[42,36],[42,37.5],[40.5,37.5],[40.5,36]]]}]}""",
        new[] { "always", "delta-post", "ended-2018", "from-2021", "gone-2019", "successor" })]
    [InlineData("S_INTERSECTS(geometry, BBOX(35, 35, 36, 36))",
        """{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[35,35,36,36]}]}""",
        new[] { "coast" })]
    [InlineData("T_INTERSECTS(INTERVAL(validFrom, validTo), DATE('2020-01-01'))",
        """{"op":"t_intersects","args":[{"interval":[{"property":"validFrom"},{"property":"validTo"}]},{"date":"2020-01-01"}]}""",
        new[] { "always", "coast", "delta-post", "successor" })]
    [InlineData("T_INTERSECTS(INTERVAL(validFrom, validTo), INTERVAL('2017-01-01', '2018-06-30'))",
        """{"op":"t_intersects","args":[{"interval":[{"property":"validFrom"},{"property":"validTo"}]},{"interval":["2017-01-01","2018-06-30"]}]}""",
        new[] { "always", "coast", "ended-2018" })]
    [InlineData("T_INTERSECTS(validFrom, INTERVAL('2015-06-01', '..'))",
        """{"op":"t_intersects","args":[{"property":"validFrom"},{"interval":["2015-06-01",".."]}]}""",
        new[] { "coast", "delta-post", "east-outside", "ended-2018", "from-2021", "gone-2019", "successor" })]
    public async Task Cql2TextAndJsonSelectTheSameFeatures(string text, string json, string[] expected)
    {
        var byText = await api.FeatureIds($"{Items}?filter={Uri.EscapeDataString(text)}");
        await AssertStrictSubsetOfTheLayer(byText);
        Assert.Equal(expected, byText);
        Assert.Equal(expected, await api.FeatureIds($"{Items}?filter-lang=cql2-json&filter={Uri.EscapeDataString(json)}"));
    }

    /// <summary>A filter case that returned the whole layer (or nothing) would pass even if its filter were ignored.</summary>
    private async Task AssertStrictSubsetOfTheLayer(string[] selected)
    {
        var all = await api.FeatureIds($"{Items}?limit=1000");
        Assert.NotEmpty(selected);
        Assert.True(selected.Length < all.Length, $"the filter kept all {all.Length} features of the layer");
        Assert.Subset(all.ToHashSet(), selected.ToHashSet());
    }

    [Fact]
    public async Task AFilterCombinesWithBboxAndDatetime()
    {
        // Each of the three alone keeps more: beta has coast outside the box and from-2021 after the date; the box and
        // the date keep always and delta-post too.
        var beta = Uri.EscapeDataString("actor='beta'");
        Assert.Equal(["successor"], await api.FeatureIds($"{Items}?bbox=40.5,36.0,42.0,37.5&datetime=2020-01-01&filter={beta}"));
        Assert.Equal(["coast", "successor"], await api.FeatureIds($"{Items}?datetime=2020-01-01&filter={beta}"));
    }

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
    [InlineData("actor=alpha", new[] { "always", "ended-2018", "gone-2019" })]
    [InlineData("actor=alpha,beta", new[] { "always", "coast", "ended-2018", "from-2021", "gone-2019", "successor" })]
    [InlineData("actor=delta", new[] { "delta-post", "east-outside" })]
    [InlineData("kind=base", new[] { "always", "east-outside", "ended-2018", "successor" })]
    [InlineData("kind=outpost,observation%20post", new[] { "delta-post", "from-2021", "gone-2019" })]
    [InlineData("actor=beta&kind=base", new[] { "successor" })]
    [InlineData("actor=alpha,beta&kind=base", new[] { "always", "ended-2018", "successor" })]
    [InlineData("name=Coastal%20air%20base", new[] { "coast" })]
    [InlineData("approximate=true", new[] { "always", "gone-2019" })]
    [InlineData("confidence=0.8", new[] { "successor" })]
    [InlineData("predecessor=ended-2018", new[] { "successor" })]
    public async Task QueryablesWorkAsQueryParameters(string query, string[] expected)
    {
        var selected = await api.FeatureIds($"{Items}?{query}");
        await AssertStrictSubsetOfTheLayer(selected);
        Assert.Equal(expected, selected);
    }

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
