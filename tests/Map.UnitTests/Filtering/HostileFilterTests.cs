using Map.Data.Queries;
using Map.Web.Filtering;
using Map.Web.Items;

namespace Map.UnitTests.Filtering;

/// <summary>Filters an attacker (or a careless client) writes: each is a 400 naming the filter, never a crash or a 500.</summary>
public sealed class HostileFilterTests
{
    private static readonly FilterTerms Terms = new(SpatialReference.Crs84);

    private static InvalidParameterException RefusedText(string cql) =>
        Assert.Throws<InvalidParameterException>(() => FilterParameter.Parse(cql, "cql2-text", null));

    private static InvalidParameterException RefusedJson(string cql) =>
        Assert.Throws<InvalidParameterException>(() => FilterParameter.Parse(cql, "cql2-json", null));

    [Theory]
    [InlineData(65)]
    [InlineData(28_000)]
    public void ParenthesesNestedDeeperThanTheLimitAreRefusedBeforeTheStackIs(int depth)
    {
        var problem = RefusedText(new string('(', depth) + "name = 'x'" + new string(')', depth));
        Assert.Contains("nested more than 64 levels", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SixtyFourLevelsAreStillAFilter() =>
        Assert.IsType<ComparisonExpression>(FilterParameter.Parse(new string('(', 64) + "name = 'x'" + new string(')', 64), null, null));

    [Theory]
    [InlineData(65)]
    [InlineData(28_000)]
    public void JsonNestedDeeperThanTheLimitIsRefused(int depth)
    {
        var json = string.Concat(Enumerable.Repeat("{\"op\":\"not\",\"args\":[", depth)) + "{\"op\":\"isNull\",\"args\":[{\"property\":\"name\"}]}" +
                   string.Concat(Enumerable.Repeat("]}", depth));
        Assert.Contains("nested more than 64 levels", RefusedJson(json).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WktNestedDeeperThanTheLimitIsRefused() =>
        RefusedText($"S_INTERSECTS(geometry, {string.Concat(Enumerable.Repeat("GEOMETRYCOLLECTION(", 100))}POINT(1 1){new string(')', 100)})");

    [Theory]
    [InlineData("""{"op":"=","args":[{"property":1},1]}""")]
    [InlineData("""{"op":"=","args":[{"property":null},1]}""")]
    [InlineData("""{"op":"=","args":[{"property":"name"},1e400]}""")]
    [InlineData("""{"op":"=","args":[{"property":"name"},"\u0000"]}""")]
    [InlineData("""{"op":"=","args":[{"property":"name"},"\ud800"]}""")]
    [InlineData("""{"op":"=","args":[{"property":"validFrom"},{"date":20200101}]}""")]
    [InlineData("""{"op":1,"args":[]}""")]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[1,2,1e400,4]}]}""")]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Point","coordinates":[500,0]}]}""")]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Point","coordinates":[1e400,0]}]}""")]
    [InlineData("""{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}]}""")]
    [InlineData("""{"op":"like","args":[{"property":"name"},"ends with an escape\\"]}""")]
    public void JsonOfTheWrongTypeOrOutOfRangeIsRefused(string json) => RefusedJson(json);

    [Theory]
    [InlineData("confidence > 1e400")]
    [InlineData("name = 'nul \0 inside'")]
    [InlineData("name LIKE 'ends with an escape\\'")]
    [InlineData("S_INTERSECTS(geometry, POINT(181 0))")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))")]
    [InlineData("S_INTERSECTS(geometry, BBOX(0, 0, 1e400, 1))")]
    public void TextThatPostgreSqlCouldNotTakeIsRefused(string cql) => RefusedText(cql);

    [Fact]
    public void AProjectedGeometryOutsideWhatProjCanConvertIsRefused()
    {
        var utm = SpatialReference.Utm37N.Uri;
        Assert.Throws<InvalidParameterException>(() => FilterParameter.Parse("S_INTERSECTS(geometry, POINT(100000000 0))", null, utm));
        Assert.IsType<SpatialIntersectsExpression>(FilterParameter.Parse("S_INTERSECTS(geometry, POINT(500000 4000000))", null, utm));
    }

    [Fact]
    public void AHugeInListIsRefused() =>
        RefusedText($"name IN ({string.Join(", ", Enumerable.Range(0, 1001).Select(i => $"'{i}'"))})");

    [Fact]
    public void AFilterWithTooManyConditionsIsRefused() =>
        RefusedText(string.Join(" OR ", Enumerable.Range(0, 400).Select(i => $"name = '{i}'")));

    [Theory]
    [InlineData("T_BEFORE(validFrom, DATE('2020-01-01'))", "T_BEFORE")]
    [InlineData("S_WITHIN(geometry, BBOX(1, 2, 3, 4))", "S_WITHIN")]
    [InlineData("CASEI(name) = CASEI('x')", "CASEI")]
    [InlineData("name ILIKE 'x%'", "ILIKE")]
    [InlineData("t_overlaps(INTERVAL(validFrom, validTo), INTERVAL('2020-01-01', '..'))", "T_OVERLAPS")]
    public void KnownCql2FunctionsThatAreNotImplementedAreNotSupportedRatherThanUnknownProperties(string cql, string function)
    {
        var problem = RefusedText(cql);
        Assert.Equal("function-not-supported", problem.Code);
        Assert.Contains(function, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Unknown property", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"op":"t_before","args":[{"property":"validFrom"},{"date":"2020-01-01"}]}""")]
    [InlineData("""{"op":"=","args":[{"op":"casei","args":[{"property":"name"}]},"x"]}""")]
    [InlineData("""{"op":"s_within","args":[{"property":"geometry"},{"bbox":[1,2,3,4]}]}""")]
    public void InJsonTooUnimplementedFunctionsAreNotSupported(string json) => Assert.Equal("function-not-supported", RefusedJson(json).Code);

    [Theory]
    [InlineData("frobnicate(name) = 1")]
    [InlineData("""{"op":"explode","args":[]}""")]
    public void AFunctionThatCql2DoesNotDefineIsAnInvalidFilter(string filter) =>
        Assert.Equal("invalid-parameter", Assert.Throws<InvalidParameterException>(() =>
            FilterParameter.Parse(filter, filter.StartsWith('{') ? "cql2-json" : null, null)).Code);
}
