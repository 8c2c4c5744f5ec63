using System.Globalization;
using Map.Data.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Map.UnitTests.Geodata;

/// <summary>
/// Geometry lies where the record says: inside its region and inside its country on the basemap. A record claims
/// a country with `country` (ISO alpha-3; absent means SYR). Syria here is the basemap's Syria plus the `golan` region,
/// because Natural Earth draws the occupied Golan inside Israel (de facto line) while the records treat it as Syrian.
/// A line that crosses a border on purpose says so with `crossBorder: true` and a `crossBorderNote`.
/// </summary>
public sealed class GeometryChecks
{
    /// <summary>About 50 m: coordinates are rounded to 5 decimals and the basemap to 4.</summary>
    private const double Tolerance = 0.0005;

    private static readonly PrecisionModel Grid = new(10_000);

    private static readonly Lazy<Dictionary<string, Geometry>> Allowed = new(() =>
        GeodataRecords.Countries.ToDictionary(
            c => c.Key,
            c => (c.Key == "SYR" ? OverlayNG.Overlay(c.Value, GeodataRecords.Regions["golan"].Geometry, SpatialFunction.Union, Grid) : c.Value)
                .Buffer(Tolerance)));

    [Fact]
    public void EveryRecordHasAValidGeometryInsideItsRegion() =>
        Problems.None(
            from f in GeodataRecords.Presence
            let regionId = f.String("region")
            let region = regionId is null ? null : GeodataRecords.Regions.GetValueOrDefault(regionId)
            where !f.Geometry.IsValid || region is null || !region.Geometry.Covers(f.Geometry)
            select !f.Geometry.IsValid ? $"{f.Id}: invalid geometry"
                : region is null ? $"{f.Id}: unknown region '{regionId}'" : $"{f.Id}: outside region '{regionId}'");

    [Fact]
    public void EveryRecordLiesInsideTheCountryItClaims() =>
        Problems.None(
            from f in GeodataRecords.Presence
            where !f.Flag("crossBorder")
            let country = Country(f)
            let area = Allowed.Value.GetValueOrDefault(country)
            where area is null || !area.Covers(f.Geometry)
            select area is null ? $"{f.Id}: unknown country '{country}'" : $"{f.Id}: not inside {country} ({Outside(f.Geometry, area)})");

    [Fact]
    public void PatrolRoutesStayOnTheSyrianSideUnlessMarkedCrossBorder()
    {
        var syria = Allowed.Value["SYR"];
        Problems.None(
            from f in GeodataRecords.Presence
            where f.LayerId == "patrols"
            let crossing = f.Flag("crossBorder")
            where crossing
                ? string.IsNullOrWhiteSpace(f.String("crossBorderNote")) || !f.Geometry.Intersects(syria)
                : Country(f) != "SYR" || !syria.Covers(f.Geometry)
            select crossing ? $"{f.Id}: crossBorder needs a crossBorderNote and must enter Syria" : $"{f.Id}: leaves Syria ({Outside(f.Geometry, syria)})");
    }

    [Fact]
    public void ApproximatePositionsSayHowApproximate() =>
        Problems.None(GeodataRecords.Presence.Where(f => f.Approximate && !(f.AccuracyMeters > 0)).Select(f => $"{f.Id}: approximate without accuracyMeters"));

    private static string Country(Feature f) => f.String("country") ?? "SYR";

    private static string Outside(Geometry g, Geometry area) => g.Difference(area) switch
    {
        { IsEmpty: true } => "touching",
        Point p => string.Create(CultureInfo.InvariantCulture, $"point {p.X:0.####},{p.Y:0.####}"),
        var d => string.Create(CultureInfo.InvariantCulture, $"{d.NumPoints} vertices outside, e.g. {d.Coordinate.X:0.####},{d.Coordinate.Y:0.####}"),
    };
}
