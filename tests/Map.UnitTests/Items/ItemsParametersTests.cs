using Map.Data.Queries;
using Map.Web.Crs;
using Map.Web.Items;

namespace Map.UnitTests.Items;

public sealed class ItemsParametersTests
{
    [Fact]
    public void ABboxInEpsg4326IsLatitudeFirst()
    {
        var box = ParameterParser.ParseBbox("35.4,35.9,35.5,36.0", SpatialReference.Epsg4326)!;
        Assert.Equal((35.9, 35.4, 36.0, 35.5), (box.MinX, box.MinY, box.MaxX, box.MaxY));
    }

    [Fact]
    public void ABboxInMetresIsNotCheckedAgainstDegrees() =>
        Assert.Equal(200000, ParameterParser.ParseBbox("200000,3900000,240000,3950000", SpatialReference.Utm37N)!.MinX);

    [Theory]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/32638", 32638, false)]
    [InlineData("EPSG:4326", 4326, true)]
    [InlineData("[EPSG:3857]", 3857, false)]
    [InlineData("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, false)]
    public void CrsUrisAndShortFormsAreAccepted(string text, int srid, bool latitudeFirst)
    {
        var crs = CrsParameters.Parse("crs", text);
        Assert.Equal((srid, latitudeFirst), (crs.Srid, crs.LatitudeFirst));
    }

    [Fact]
    public void SortbyReadsDirections()
    {
        var keys = ParameterParser.ParseSortBy("-validFrom,+name,kind");
        Assert.Equal(["validFrom:True", "name:False", "kind:False"], keys.Select(k => $"{k.Property.Name}:{k.Descending}"));
    }

    [Fact]
    public void TheIdIsAlwaysTheLastSortKey()
    {
        var query = new ItemsQuery("bases") { SortBy = ParameterParser.ParseSortBy("-validFrom") };
        Assert.Equal(["validFrom", "id"], query.Ordering.Select(k => k.Property.Name));
    }

    [Fact]
    public void ACursorRoundTripsAndMustMatchTheSortOrder()
    {
        var sortBy = ParameterParser.ParseSortBy("validFrom");
        var cursor = PageCursors.Parse(PageCursors.Encode(["2020-01-01", "b"], previous: true), sortBy)!;
        Assert.Equal(["2020-01-01", "b"], cursor.Keys);
        Assert.True(cursor.Previous);
        Assert.Throws<InvalidParameterException>(() => PageCursors.Parse(PageCursors.Encode(["b"], false), sortBy));
    }

    [Fact]
    public void EveryRequestParameterIsInTheWhitelist() =>
        Assert.Equal(26, ItemsRequest.Names.Count);
}
