using System.Globalization;
using Map.Data.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Map.UnitTests.Geodata;

/// <summary>
/// The `control` layer: coarse, dated areas of control built by scripts/control/. They are sketches, so they must say
/// so; on any day the areas of different actors may touch but hardly overlap, and together they cover Syria.
/// </summary>
public sealed class ControlChecks
{
    private static readonly DateOnly FirstQuarter = new(2015, 1, 1);

    /// <summary>The data's own grid (4 decimals): overlays snap-round to it, so shared edges do not break the topology.</summary>
    private static readonly PrecisionModel Grid = new(10_000);

    private static List<Feature> Control => GeodataRecords.Presence.Where(f => f.LayerId == "control").ToList();

    [Fact]
    public void EveryAreaOfControlIsAnApproximatePolygonThatSaysHowItWasDrawn() =>
        Problems.None(
            from f in Control
            where f.Geometry is not (Polygon or MultiPolygon) || f.Kind != "area of control" || !f.Approximate
                || !(f.AccuracyMeters >= 5000) || !(f.Notes ?? "").Contains("drawn", StringComparison.OrdinalIgnoreCase)
            select $"{f.Id}: must be an approximate (Multi)Polygon of kind 'area of control', accuracy >= 5 km, notes saying how it was drawn");

    [Fact]
    public void ThereAreAtLeastSixtyDatedAreasOfControlSince2015() =>
        Assert.True(Control.Count(f => (f.ValidTo ?? DateOnly.MaxValue) >= FirstQuarter) >= 60, $"{Control.Count} areas of control");

    /// <summary>Shared borders are drawn from the same lines, so overlaps come only from rounding: at most 1% of the smaller area.</summary>
    [Fact]
    public void AreasOfDifferentActorsHardlyOverlapOnAnyDay() =>
        Problems.None(
            from day in Days()
            let shown = Control.Where(f => Shown(f, day)).ToList()
            from a in shown
            from b in shown
            where string.CompareOrdinal(a.Id, b.Id) < 0 && a.ActorId != b.ActorId
            let overlap = OverlayNG.Overlay(a.Geometry, b.Geometry, SpatialFunction.Intersection, Grid).Area
                / Math.Min(a.Geometry.Area, b.Geometry.Area)
            where overlap > 0.01
            select string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}: {a.Id} and {b.Id} overlap by {overlap:P1} of the smaller"));

    [Fact]
    public void OnEveryQuarterSince2015TheAreasOfControlCoverSyria()
    {
        var syria = OverlayNG.Overlay(GeodataRecords.Countries["SYR"], GeodataRecords.Regions["golan"].Geometry, SpatialFunction.Union, Grid);
        Problems.None(
            from day in Quarters()
            let shown = Control.Where(f => Shown(f, day)).Select(f => f.Geometry).ToArray()
            let covered = shown.Length == 0 ? 0 : OverlayNG.Overlay(
                UnaryUnionNG.Union(syria.Factory.BuildGeometry(shown), Grid), syria, SpatialFunction.Intersection, Grid).Area
            where covered / syria.Area < 0.98
            select string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}: the areas of control cover {covered / syria.Area:P1} of Syria"));
    }

    private static bool Shown(Feature f, DateOnly day) => f.ValidFrom <= day && (f.ValidTo is null || f.ValidTo >= day);

    /// <summary>Every day on which the set of areas changes, and the first day of every quarter.</summary>
    private static SortedSet<DateOnly> Days() =>
        new SortedSet<DateOnly>(Control.Select(f => f.ValidFrom).Where(d => d >= FirstQuarter).Concat(Quarters()));

    private static IEnumerable<DateOnly> Quarters()
    {
        for (var day = FirstQuarter; day <= GeodataRecords.AsOf; day = day.AddMonths(3)) yield return day;
    }
}
