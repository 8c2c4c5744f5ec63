using System.Globalization;
using Map.Data.Queries;
using Map.Web.Items;

namespace Map.UnitTests.Items;

public sealed class ParameterParserTests
{
    [Fact]
    public void ABboxIsMinLonMinLatMaxLonMaxLat()
    {
        var box = ParameterParser.ParseBbox("39,35,42.5,37.5")!;
        Assert.Equal((39, 35, 42.5, 37.5), (box.MinX, box.MinY, box.MaxX, box.MaxY));
    }

    [Fact]
    public void ASixNumberBboxDropsItsHeights()
    {
        var box = ParameterParser.ParseBbox("39,35,-10,42.5,37.5,100")!;
        Assert.Equal((39, 35, 42.5, 37.5), (box.MinX, box.MinY, box.MaxX, box.MaxY));
    }

    [Theory]
    [InlineData("39,35,42.5")]
    [InlineData("39,35,42.5,x")]
    [InlineData("39,35,NaN,37")]
    [InlineData("39,38,42.5,37.5")]
    [InlineData("43,35,42.5,37.5")]
    [InlineData("39,35,190,37.5")]
    public void AMalformedBboxIsRefusedNamingBbox(string text) =>
        Assert.Equal("bbox", Assert.Throws<InvalidParameterException>(() => ParameterParser.ParseBbox(text)).Parameter);

    [Fact]
    public void NoBboxMeansNoSpatialFilter() => Assert.Null(ParameterParser.ParseBbox(null));

    [Fact]
    public void ADateIsAnInstant() =>
        Assert.Equal(ValidTime.On(new DateOnly(2020, 8, 26)), ParameterParser.ParseDatetime("2020-08-26"));

    [Fact]
    public void ADateTimeIsTakenAsItsUtcDay() =>
        Assert.Equal(ValidTime.On(new DateOnly(2020, 8, 25)), ParameterParser.ParseDatetime("2020-08-26T01:00:00+03:00"));

    [Theory]
    [InlineData("2019-10-09/2024-12-08", "2019-10-09", "2024-12-08")]
    [InlineData("../2019-10-09", null, "2019-10-09")]
    [InlineData("/2019-10-09", null, "2019-10-09")]
    [InlineData("2019-10-09/..", "2019-10-09", null)]
    [InlineData("2019-10-09/", "2019-10-09", null)]
    public void AnIntervalMayBeOpenAtEitherEnd(string text, string? start, string? end) =>
        Assert.Equal(
            new ValidTime(
                start is null ? null : DateOnly.Parse(start, CultureInfo.InvariantCulture),
                end is null ? null : DateOnly.Parse(end, CultureInfo.InvariantCulture)),
            ParameterParser.ParseDatetime(text));

    [Theory]
    [InlineData("26/08/2020")]
    [InlineData("2020-02-30")]
    [InlineData("..")]
    [InlineData("../..")]
    [InlineData("2024-01-01/2020-01-01")]
    public void AMalformedDatetimeIsRefusedNamingDatetime(string text) =>
        Assert.Equal("datetime", Assert.Throws<InvalidParameterException>(() => ParameterParser.ParseDatetime(text)).Parameter);

    [Theory]
    [InlineData(null, 100)]
    [InlineData("1", 1)]
    [InlineData("500", 500)]
    [InlineData("10000", 10000)]
    [InlineData("10001", 10000)]
    [InlineData("99999999999999999999", 10000)]
    public void ALimitDefaultsAndIsLoweredToTheMaximum(string? text, int expected) =>
        Assert.Equal(expected, ParameterParser.ParseLimit(text, 100, 10000));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("ten")]
    public void ALimitThatIsNotAPositiveIntegerIsRefused(string text) =>
        Assert.Equal("limit", Assert.Throws<InvalidParameterException>(() => ParameterParser.ParseLimit(text, 100, 10000)).Parameter);
}
