using System.Globalization;
using Map.Data.Queries;
using NetTopologySuite.Geometries;

namespace Map.Web.Crs;

/// <summary>
/// The coordinates boxes and geometry literals may have in each supported CRS (x = easting or longitude). Outside
/// them PROJ cannot convert a point (ST_Transform fails: "Point outside of projection domain") or the numbers mean
/// nothing, so they are refused as bad input rather than sent to PostGIS.
/// </summary>
public static class CrsDomains
{
    /// <summary>EPSG:3857's own bounds (±180° of longitude, ±85.06° of latitude).</summary>
    private const double WebMercator = 20_037_508.342789244;

    public static Envelope Of(SpatialReference crs) => crs.Srid switch
    {
        4326 => new Envelope(-180, 180, -90, 90),
        3857 => new Envelope(-WebMercator, WebMercator, -WebMercator, WebMercator),
        // UTM: the zone's false easting ± 10,000 km, which PROJ's transverse Mercator still inverts; either hemisphere.
        32637 or 32638 => new Envelope(-9_500_000, 10_500_000, -10_000_000, 10_000_000),
        _ => throw new ArgumentOutOfRangeException(nameof(crs), crs.Uri),
    };

    public static bool Contains(SpatialReference crs, double x, double y) =>
        double.IsFinite(x) && double.IsFinite(y) && Of(crs).Contains(x, y);

    /// <summary>"x from … to …, y from … to …", in the CRS's own axis order words.</summary>
    public static string Describe(SpatialReference crs)
    {
        var domain = Of(crs);
        string Range(double min, double max) => string.Create(CultureInfo.InvariantCulture, $"{min:0.######} to {max:0.######}");
        return crs.Srid == 4326
            ? $"longitudes {Range(domain.MinX, domain.MaxX)} and latitudes {Range(domain.MinY, domain.MaxY)}"
            : $"eastings {Range(domain.MinX, domain.MaxX)} and northings {Range(domain.MinY, domain.MaxY)} (metres)";
    }
}
