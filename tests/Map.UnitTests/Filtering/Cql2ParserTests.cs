using Map.Data.Queries;
using Map.Web.Filtering;
using Map.Web.Items;

namespace Map.UnitTests.Filtering;

/// <summary>CQL2 text and JSON parse to the same checked tree; every refusal names the filter parameter.</summary>
public sealed class Cql2ParserTests
{
    private static readonly FilterTerms Terms = new(SpatialReference.Crs84);

    private static FilterExpression Text(string cql) => Cql2TextParser.Parse(cql, Terms);
    private static FilterExpression Json(string cql) => Cql2JsonParser.Parse(cql, Terms);

    [Fact]
    public void AndBindsTighterThanOr()
    {
        var tree = Text("kind = 'base' OR kind = 'outpost' AND actor = 'x'");
        var or = Assert.IsType<OrExpression>(tree);
        Assert.IsType<ComparisonExpression>(or.Operands[0]);
        Assert.IsType<AndExpression>(or.Operands[1]);
    }

    [Fact]
    public void KeywordsAreCaseInsensitiveAndQuotesDouble()
    {
        var tree = Assert.IsType<ComparisonExpression>(Text("name = 'Qamishli''s airport' and true = true") is AndExpression and ? and.Operands[0] : null);
        Assert.Equal("Qamishli's airport", ((LiteralOperand)tree.Right).Value);
    }

    [Fact]
    public void TextAndJsonGiveTheSameTree()
    {
        Assert.Equal(
            Text("NOT (confidence < 0.5) AND validTo IS NULL").ToString(),
            Json("""{"op":"and","args":[{"op":"not","args":[{"op":"<","args":[{"property":"confidence"},0.5]}]},""" +
                """{"op":"isNull","args":[{"property":"validTo"}]}]}""").ToString());
    }

    [Fact]
    public void ADateStringComparedWithADatePropertyIsADate()
    {
        var comparison = Assert.IsType<ComparisonExpression>(Text("validFrom > '2020-01-01'"));
        Assert.Equal(new DateOnly(2020, 1, 1), ((LiteralOperand)comparison.Right).Value);
    }

    [Fact]
    public void WktLiteralsAreReadWithNetTopologySuite()
    {
        var spatial = Assert.IsType<SpatialIntersectsExpression>(Text("S_INTERSECTS(geometry, LINESTRING(40 36, 41 37))"));
        Assert.Equal("LINESTRING (40 36, 41 37)", spatial.Literal.ToText());
        Assert.Equal(4326, spatial.Literal.SRID);
    }

    [Fact]
    public void ATimestampCountsAsItsUtcDay()
    {
        var temporal = Assert.IsType<TemporalIntersectsExpression>(Text("T_INTERSECTS(validTo, TIMESTAMP('2020-01-01T23:30:00-02:00'))"));
        Assert.Equal(ValidTime.On(new DateOnly(2020, 1, 2)), temporal.Literal);
        Assert.Equal(TemporalOperand.ValidTo, temporal.Feature);
    }

    [Theory]
    [InlineData("secret = 1")]
    [InlineData("name = ")]
    [InlineData("name = 'x' AND")]
    [InlineData("(name = 'x'")]
    [InlineData("name == 'x'")]
    [InlineData("name = 'unterminated")]
    [InlineData("confidence = 'high'")]
    [InlineData("approximate > true")]
    [InlineData("name LIKE 3")]
    [InlineData("geometry = 'x'")]
    [InlineData("S_INTERSECTS(name, BBOX(1, 2, 3, 4))")]
    [InlineData("S_INTERSECTS(geometry, BBOX(3, 2, 1, 4))")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((1 2, 3 4))")]
    [InlineData("T_INTERSECTS(validFrom, validTo)")]
    [InlineData("T_INTERSECTS(INTERVAL(validTo, validFrom), DATE('2020-01-01'))")]
    [InlineData("T_INTERSECTS(validFrom, INTERVAL('2021-01-01', '2020-01-01'))")]
    [InlineData("validFrom = DATE('yesterday')")]
    [InlineData("name = 'x'; DELETE FROM features")]
    public void MalformedOrUnsafeTextIsRefusedNamingFilter(string cql) =>
        Assert.Equal("filter", Assert.Throws<InvalidParameterException>(() => Text(cql)).Parameter);

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"op":"=","args":[{"property":"name"}]}""")]
    [InlineData("""{"op":"drop","args":[]}""")]
    [InlineData("""{"op":"in","args":[{"property":"name"},"x"]}""")]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":"nope"}]}""")]
    [InlineData("not json")]
    public void MalformedJsonIsRefusedNamingFilter(string cql) =>
        Assert.Equal("filter", Assert.Throws<InvalidParameterException>(() => Json(cql)).Parameter);

    [Fact]
    public void TheSqlOfAFilterHoldsOnlyWhitelistedColumnsAndParameters()
    {
        var parameters = new SqlParameters();
        var sql = FeatureSql.Translate(Text("name = 'x'' OR 1=1 --' AND S_INTERSECTS(geometry, BBOX(40, 36, 41, 37))"), parameters);
        Assert.Equal("((f.name = @p0) AND ST_Intersects(f.geometry, @p1))", sql);
        Assert.Contains("x' OR 1=1 --", parameters.ToString());
    }
}
