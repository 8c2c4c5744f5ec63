using System.Globalization;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Map.Import.Crs;

/// <summary>
/// The coordinate system of the source file, from its .prj (OGC or ESRI-style WKT) or named by the user, and the
/// transformation to EPSG:4326. The common WKT forms are matched to their EPSG code (by AUTHORITY, by name, or by the
/// parameters of a WGS 84 Transverse Mercator) and then built from ProjNET's own definitions, because ESRI WKT names
/// projections ProjNET does not know (Mercator_Auxiliary_Sphere) and spells parameters its own way.
/// </summary>
public sealed partial class SourceCrs
{
    public string Name { get; }
    public int? Epsg { get; }
    private readonly MathTransform? toWgs84;

    private SourceCrs(string name, int? epsg, MathTransform? toWgs84)
    {
        Name = name;
        Epsg = epsg;
        this.toWgs84 = toWgs84;
    }

    /// <summary>How reports and the imports table show it: "EPSG:32637 (WGS 84 / UTM zone 37N)".</summary>
    public string Description => Epsg is { } code ? $"EPSG:{code} ({Name})" : Name;

    public bool IsWgs84 => toWgs84 is null;

    /// <param name="prjPath">The .prj beside the .shp, if any.</param>
    /// <param name="named">What the user gave with --source-crs ("EPSG:32637" or "32637"); wins over the .prj.</param>
    public static SourceCrs Resolve(string? prjPath, string? named, string fileName)
    {
        if (!string.IsNullOrWhiteSpace(named)) return FromName(named);
        if (prjPath is null)
            throw new ImportException(ImportErrors.PrjMissing,
                $"{fileName} has no .prj file, so its coordinate system is unknown; " +
                $"name it with {ImportOption.SourceCrs} (e.g. {ImportOption.SourceCrs} EPSG:32637).");
        string wkt;
        try
        {
            wkt = File.ReadAllText(prjPath).Trim();
        }
        catch (IOException e)
        {
            throw Unreadable(fileName, e.Message);
        }
        return FromWkt(wkt, fileName);
    }

    public static SourceCrs FromName(string named)
    {
        var text = named.Trim();
        if (text.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase)) text = text[5..];
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            throw new ImportException(ImportErrors.InvalidOption, $"{ImportOption.SourceCrs} '{named}' is not an EPSG code (e.g. EPSG:32637).");
        return FromEpsg(code) ?? throw new ImportException(ImportErrors.CrsUnsupported,
            $"{ImportOption.SourceCrs} EPSG:{code} is not one this import knows (EPSG:4326, 3857 and the WGS 84 UTM zones 32601–32660, 32701–32760); " +
            "give the file a .prj with its WKT instead.");
    }

    public static SourceCrs FromWkt(string wkt, string fileName)
    {
        if (wkt.Length == 0) throw Unreadable(fileName, "the file is empty");
        CoordinateSystem? parsed = null;
        string? parseError = null;
        try
        {
            parsed = new CoordinateSystemFactory().CreateFromWkt(wkt);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or NotSupportedException or InvalidOperationException
                                      or IndexOutOfRangeException or NullReferenceException)
        {
            parseError = e.Message;
        }
        if (parsed is null && !LooksLikeWkt().IsMatch(wkt)) throw Unreadable(fileName, parseError ?? "not WKT");

        var epsg = EpsgOf(parsed, wkt);
        if (epsg is { } code && FromEpsg(code) is { } known) return known;
        if (parsed is null) throw Unreadable(fileName, parseError ?? "not WKT");
        try
        {
            var transform = new CoordinateTransformationFactory()
                .CreateFromCoordinateSystems(parsed, GeographicCoordinateSystem.WGS84).MathTransform;
            return new SourceCrs(parsed.Name, null, transform);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException)
        {
            throw new ImportException(ImportErrors.CrsUnsupported,
                $"{fileName}: the coordinate system '{parsed.Name}' in the .prj cannot be converted to WGS 84 ({e.Message}); " +
                $"reproject the file or name a supported one with {ImportOption.SourceCrs}.");
        }
    }

    /// <summary>Reprojects in place to EPSG:4326 (x = longitude, y = latitude).</summary>
    public void ToWgs84(Geometry geometry)
    {
        geometry.SRID = 4326;
        if (toWgs84 is null) return;
        geometry.Apply(new TransformFilter(toWgs84));
        geometry.GeometryChanged();
    }

    private static SourceCrs? FromEpsg(int code)
    {
        var geographic = GeographicCoordinateSystem.WGS84;
        var factory = new CoordinateTransformationFactory();
        MathTransform Transform(CoordinateSystem cs) => factory.CreateFromCoordinateSystems(cs, geographic).MathTransform;
        switch (code)
        {
            case 4326:
                return new SourceCrs("WGS 84", 4326, null);
            case 3857 or 900913 or 102100:
                return new SourceCrs("WGS 84 / Pseudo-Mercator", 3857, Transform(ProjectedCoordinateSystem.WebMercator));
            case >= 32601 and <= 32660:
                return new SourceCrs($"WGS 84 / UTM zone {code - 32600}N", code, Transform(ProjectedCoordinateSystem.WGS84_UTM(code - 32600, true)));
            case >= 32701 and <= 32760:
                return new SourceCrs($"WGS 84 / UTM zone {code - 32700}S", code, Transform(ProjectedCoordinateSystem.WGS84_UTM(code - 32700, false)));
            default:
                return null;
        }
    }

    /// <summary>The EPSG code of the common forms: an EPSG AUTHORITY, a known name (OGC or ESRI spelling), or WGS 84 UTM parameters.</summary>
    private static int? EpsgOf(CoordinateSystem? parsed, string wkt)
    {
        if (parsed is not null && string.Equals(parsed.Authority, "EPSG", StringComparison.OrdinalIgnoreCase) && parsed.AuthorityCode > 0)
            return (int)parsed.AuthorityCode;
        var name = Normalise(parsed?.Name ?? FirstName().Match(wkt).Groups[1].Value);
        if (name is "gcs_wgs_1984" or "wgs_84" or "wgs84" or "wgs_1984") return 4326;
        if (name.Contains("web_mercator") || name.Contains("pseudo_mercator") || name.Contains("google_maps_global_mercator")) return 3857;
        var utm = UtmName().Match(name);
        if (utm.Success)
        {
            var zone = int.Parse(utm.Groups[1].Value, CultureInfo.InvariantCulture);
            if (zone is >= 1 and <= 60) return (utm.Groups[2].Value == "n" ? 32600 : 32700) + zone;
        }
        return parsed is ProjectedCoordinateSystem projected ? UtmByParameters(projected) : null;
    }

    private static int? UtmByParameters(ProjectedCoordinateSystem cs)
    {
        if (!cs.Projection.ClassName.Contains("transverse_mercator", StringComparison.OrdinalIgnoreCase)) return null;
        var ellipsoid = cs.GeographicCoordinateSystem.HorizontalDatum.Ellipsoid;
        if (Math.Abs(ellipsoid.SemiMajorAxis - 6378137) > 1e-3 || Math.Abs(ellipsoid.InverseFlattening - 298.257223563) > 1e-6) return null;
        double Parameter(string name) => cs.Projection.GetParameter(name)?.Value ?? double.NaN;
        var centralMeridian = Parameter("central_meridian");
        var zone = (centralMeridian + 183) / 6;
        if (Parameter("scale_factor") != 0.9996 || Parameter("false_easting") != 500000 || Parameter("latitude_of_origin") != 0
            || zone != Math.Round(zone) || zone is < 1 or > 60) return null;
        var northing = Parameter("false_northing");
        return northing == 0 ? 32600 + (int)zone : northing == 10_000_000 ? 32700 + (int)zone : null;
    }

    private static string Normalise(string name) => NonWord().Replace(name.Trim().ToLowerInvariant(), "_").Trim('_');

    private static ImportException Unreadable(string fileName, string reason) =>
        new(ImportErrors.PrjUnreadable,
            $"{fileName}: the .prj file cannot be read as a coordinate system ({reason}); fix it or name the system with {ImportOption.SourceCrs}.");

    [GeneratedRegex(@"^\s*(PROJCS|GEOGCS|GEOCCS|PROJCRS|GEOGCRS|COMPD_CS)\s*\[", RegexOptions.IgnoreCase)]
    private static partial Regex LooksLikeWkt();

    [GeneratedRegex("\\[\\s*\"([^\"]*)\"")]
    private static partial Regex FirstName();

    [GeneratedRegex(@"utm_zone_(\d{1,2})_?([ns])$")]
    private static partial Regex UtmName();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();

    private sealed class TransformFilter(MathTransform transform) : ICoordinateSequenceFilter
    {
        public void Filter(CoordinateSequence seq, int i)
        {
            var x = seq.GetX(i);
            var y = seq.GetY(i);
            transform.Transform(ref x, ref y);
            seq.SetX(i, x);
            seq.SetY(i, y);
        }

        public bool Done => false;
        public bool GeometryChanged => true;
    }
}
