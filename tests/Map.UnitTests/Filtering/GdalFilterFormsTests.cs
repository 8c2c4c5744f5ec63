using Map.Data.Queries;
using Map.Web.Filtering;
using Map.Web.Items;

namespace Map.UnitTests.Filtering;

/// <summary>What Debian's GDAL 3.6 sends (its OAPIF driver): pre-CQL2 language names, booleans as 1/0, dates as 'YYYY-MM-DDT'.</summary>
public sealed class GdalFilterFormsTests
{
    [Theory]
    [InlineData("cql-text", "approximate = 1")]
    [InlineData("cql2-text", "approximate = 1")]
    [InlineData("cql-json", """{"op":"=","args":[{"property":"approximate"},1]}""")]
    public void CqlTextAndCqlJsonAreTheSameLanguagesAndOneIsTrue(string language, string filter)
    {
        var comparison = Assert.IsType<ComparisonExpression>(FilterParameter.Parse(filter, language, null));
        Assert.Equal(true, ((LiteralOperand)comparison.Right).Value);
    }

    [Fact]
    public void ZeroIsFalse() =>
        Assert.Equal(false, ((LiteralOperand)Assert.IsType<ComparisonExpression>(FilterParameter.Parse("approximate = 0", null, null)).Right).Value);

    [Fact]
    public void OtherNumbersAreNotBooleans() =>
        Assert.Throws<InvalidParameterException>(() => FilterParameter.Parse("approximate = 2", null, null));

    [Theory]
    [InlineData("validFrom >= '2020-01-01T'", 2020, 1, 1)]
    [InlineData("validFrom >= '2020-01-01T10:00:00Z'", 2020, 1, 1)]
    [InlineData("validTo < '2021-06-30T23:00:00-02:00'", 2021, 7, 1)]
    public void ADateAsGdalWritesItIsADate(string filter, int year, int month, int day)
    {
        var comparison = Assert.IsType<ComparisonExpression>(FilterParameter.Parse(filter, "cql-text", null));
        Assert.Equal(new DateOnly(year, month, day), ((LiteralOperand)comparison.Right).Value);
    }

    [Theory]
    [InlineData("2020-01-01T/..", 2020, 1, 1, null)]
    [InlineData("../2020-01-01T", null, null, null, "2020-01-01")]
    [InlineData("2020-01-01T/2020-02-01T", 2020, 1, 1, "2020-02-01")]
    public void TheDatetimeFormsGdalSendsAreIntervals(string datetime, int? year, int? month, int? day, string? end)
    {
        var time = ParameterParser.ParseDatetime(datetime)!.Value;
        Assert.Equal(year is null ? (DateOnly?)null : new DateOnly(year.Value, month!.Value, day!.Value), time.Start);
        Assert.Equal(end is null ? (DateOnly?)null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), time.End);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("true", true)]
    public void BooleanPropertyParametersTakeOneAndZero(string value, bool expected)
    {
        var filter = Assert.Single(PropertyParameters.Parse(new() { ["approximate"] = value }));
        Assert.Equal(expected, ((LiteralOperand)Assert.IsType<ComparisonExpression>(filter).Right).Value);
    }
}
