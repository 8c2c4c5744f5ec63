using System.Globalization;
using Map.Import.Crs;
using Map.Import.Mapping;
using Map.Data.Model;
using NetTopologySuite.Geometries;

namespace Map.Import.Tests.Crs;

/// <summary>The common WKT forms of a .prj are recognised as their EPSG code (OGC with AUTHORITY, ESRI without).</summary>
public sealed class SourceCrsTests
{
    [Theory]
    [InlineData(
        """GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],""" +
        """UNIT["Degree",0.0174532925199433]]""", 4326)]
    [InlineData(
        """GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],""" +
        """PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]""", 4326)]
    [InlineData(
        """PROJCS["WGS_1984_UTM_Zone_37N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],""" +
        """UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],""" +
        """PARAMETER["Central_Meridian",39.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""", 32637)]
    [InlineData(
        """PROJCS["WGS 84 / UTM zone 38N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],""" +
        """UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",45],""" +
        """PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],""" +
        """AUTHORITY["EPSG","32638"]]""", 32638)]
    [InlineData(
        """PROJCS["Unnamed UTM",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],""" +
        """UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],""" +
        """PARAMETER["Central_Meridian",39.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]""", 32637)]
    [InlineData(
        """PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],""" +
        """PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],""" +
        """PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],""" +
        """UNIT["Meter",1.0]]""", 3857)]
    public void CommonWktFormsAreRecognisedAsTheirEpsgCode(string wkt, int epsg) =>
        Assert.Equal(epsg, SourceCrs.FromWkt(wkt, "test.shp").Epsg);

    [Fact]
    public void UtmCoordinatesAreConvertedToLongitudeAndLatitude()
    {
        var point = new Point(678_000, 4_097_000);
        SourceCrs.FromName("EPSG:32637").ToWgs84(point);
        Assert.Equal(4326, point.SRID);
        Assert.InRange(point.X, 40.9, 41.1);
        Assert.InRange(point.Y, 36.9, 37.1);
    }

    [Theory]
    [InlineData("EPSG:2154")]
    [InlineData("32761")]
    public void AnEpsgCodeThisImportDoesNotKnowIsRefused(string code) =>
        Assert.Equal(ImportErrors.CrsUnsupported, Assert.Throws<ImportException>(() => SourceCrs.FromName(code)).Code);
}

/// <summary>Dates and confidences in the forms shapefiles carry them.</summary>
public sealed class ValueParsingTests
{
    [Theory]
    [InlineData("2020-08-25", "2020-08-25", DatePrecision.Day)]
    [InlineData("25/08/2020", "2020-08-25", DatePrecision.Day)]
    [InlineData("05.08.2020", "2020-08-05", DatePrecision.Day)]
    [InlineData("20200825", "2020-08-25", DatePrecision.Day)]
    [InlineData("2020-08-25T10:00:00Z", "2020-08-25", DatePrecision.Day)]
    [InlineData("25 August 2020", "2020-08-25", DatePrecision.Day)]
    [InlineData("2020-08", "2020-08-01", DatePrecision.Month)]
    [InlineData("August 2020", "2020-08-01", DatePrecision.Month)]
    [InlineData("2020", "2020-01-01", DatePrecision.Year)]
    public void TextDatesAreReadWithTheirPrecision(string text, string expected, DatePrecision precision)
    {
        Assert.True(ValueParsing.TryDate(text, out var date, out var actualPrecision, out var reason), reason);
        Assert.Equal((DateOnly.Parse(expected, CultureInfo.InvariantCulture), precision), (date, actualPrecision));
    }

    [Theory]
    [InlineData("08/25/2020")]
    [InlineData("yesterday")]
    [InlineData("1200")]
    public void TextThatIsNotADayFirstDateIsRefused(string text) =>
        Assert.False(ValueParsing.TryDate(text, out _, out _, out _));

    [Theory]
    [InlineData(0.7, 0.7)]
    [InlineData(70L, 0.7)]
    [InlineData("70%", 0.7)]
    [InlineData("medium", 0.6)]
    public void ConfidenceIsAFractionAPercentageOrAWord(object value, double expected)
    {
        Assert.True(ValueParsing.TryConfidence(value, out var confidence, out _));
        Assert.Equal(expected, confidence, 1e-12);
    }
}
