using Map.Data.Queries;
using Map.Web.Items;

namespace Map.UnitTests.Items;

/// <summary>Cursors and boxes whose numbers overflow or that PROJ cannot convert: 400s naming the parameter, not failed casts.</summary>
public sealed class HostileParametersTests
{
    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1e-400")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    public void ACursorWithANumberPostgreSqlCannotCastIsRefused(string key)
    {
        var sortBy = ParameterParser.ParseSortBy("confidence");
        var problem = Assert.Throws<InvalidParameterException>(() => PageCursors.Parse(PageCursors.Encode([key, "x"], false), sortBy));
        Assert.Equal("cursor", problem.Parameter);
    }

    [Theory]
    [InlineData("0.7")]
    [InlineData("Infinity")]
    [InlineData("4e-320")]
    [InlineData("0e-500")]
    public void ACursorWithANumberPostgreSqlCanCastIsAccepted(string key) =>
        Assert.NotNull(PageCursors.Parse(PageCursors.Encode([key, "x"], false), ParameterParser.ParseSortBy("confidence")));

    [Theory]
    [InlineData("""{"K":["\u0000"],"P":false}""")]
    [InlineData("""{"K":["\ud800"],"P":false}""")]
    [InlineData("""{"K":[1],"P":false}""")]
    public void ACursorWithTextPostgreSqlCannotStoreIsRefused(string json) =>
        Assert.Throws<InvalidParameterException>(() =>
            PageCursors.Parse(System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json)), []));

    [Theory]
    [InlineData("0,0,30000000,1", 3857)]
    [InlineData("100000000,0,100000001,1", 32637)]
    [InlineData("0,0,1,1e400", 32638)]
    [InlineData("-181,0,1,1", 4326)]
    public void ABoxOutsideItsCrsIsRefused(string bbox, int srid)
    {
        var crs = SpatialReference.Supported.First(s => s.Srid == srid && !s.LatitudeFirst);
        Assert.Equal("bbox", Assert.Throws<InvalidParameterException>(() => ParameterParser.ParseBbox(bbox, crs)).Parameter);
    }

    [Fact]
    public void ABoxInsideAProjectedCrsIsAccepted() =>
        Assert.NotNull(ParameterParser.ParseBbox("200000,3600000,800000,4200000", SpatialReference.Utm37N));
}
