using Map.Data.Model;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace Map.UnitTests.Geodata;

/// <summary>The checks every record of geodata/ must pass; the last test prints the counts report.</summary>
public sealed class DatasetChecks(ITestOutputHelper output)
{
    private static IReadOnlyList<Feature> Presence => GeodataRecords.Presence;

    private static IReadOnlyDictionary<string, Region> Regions => GeodataRecords.Regions;

    [Fact]
    public void EveryRecordHasAPublicSourceUrl() =>
        Assert.All(Presence, f => Assert.All(f.Sources, s =>
            Assert.True(Uri.TryCreate(s.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"{f.Id}: '{s.Url}'")));

    [Fact]
    public void EveryRecordHasAValidGeometryInsideItsRegion() =>
        Assert.All(Presence, f =>
        {
            Assert.True(f.Geometry.IsValid, $"{f.Id}: invalid geometry");
            var regionId = (string?)f.Properties["region"];
            Assert.True(regionId is not null && Regions.ContainsKey(regionId), $"{f.Id}: unknown region '{regionId}'");
            Assert.True(Regions[regionId!].Geometry.Covers(f.Geometry), $"{f.Id}: outside region '{regionId}'");
        });

    [Fact]
    public void EveryValidRangeRunsForwardAndConfidenceIsAProbability() =>
        Assert.All(Presence, f =>
        {
            Assert.True(f.ValidTo is null || f.ValidFrom <= f.ValidTo, $"{f.Id}: valid_from after valid_to");
            Assert.InRange(f.Confidence, 0, 1);
        });

    [Fact]
    public void EveryActorExists()
    {
        var actors = GeodataRecords.Files.ReadActors().Select(a => a.Id).ToHashSet();
        Assert.All(Presence, f => Assert.True(f.ActorId is not null && actors.Contains(f.ActorId), $"{f.Id}: actor '{f.ActorId}'"));
    }

    [Fact]
    public void NoIdIsUsedTwice()
    {
        var duplicates = Presence.GroupBy(f => f.Id).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void ApproximatePositionsSayHowApproximate() =>
        Assert.All(Presence.Where(f => f.Approximate && f.Geometry is Point), f =>
            Assert.True(f.AccuracyMeters > 0, $"{f.Id}: approximate without accuracyMeters"));

    [Fact]
    public void CountsReport()
    {
        var features = Presence;
        Assert.NotEmpty(features);
        output.WriteLine(GeodataReport.Format(features));
    }
}
