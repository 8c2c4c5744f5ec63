using Map.Data.Model;
using Xunit.Abstractions;

namespace Map.UnitTests.Geodata;

/// <summary>The checks every record of geodata/ must pass; the last test prints the counts report.</summary>
public sealed class DatasetChecks(ITestOutputHelper output)
{
    private static IReadOnlyList<Feature> Presence => GeodataRecords.Presence;

    /// <summary>The kinds geodata/README.md defines.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "air base", "base", "outpost", "observation post", "checkpoint", "patrol route", "zone", "line", "area of control",
        "encounter", "collision", "stand-off", "strike", "clash", "attack", "agreement", "incursion",
    };

    [Fact]
    public void EveryRecordHasAPublicSourceUrl() =>
        Assert.All(Presence, f => Assert.All(f.Sources, s =>
            Assert.True(Uri.TryCreate(s.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"{f.Id}: '{s.Url}'")));

    /// <summary>The size issue #11 asks for: at least 300 records, each with at least one source.</summary>
    [Fact]
    public void TheDatasetHoldsAtLeast300SourcedRecords()
    {
        var sourced = Presence.Count(f => f.Sources.Count > 0);
        Assert.True(sourced >= 300 && sourced == Presence.Count, $"{sourced} of {Presence.Count} records have a source");
    }

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
    public void EveryKindIsOneTheReadmeDefines() =>
        Problems.None(Presence.Where(f => !Kinds.Contains(f.Kind)).Select(f => $"{f.Id}: kind '{f.Kind}'"));

    [Fact]
    public void NoIdIsUsedTwice()
    {
        var duplicates = Presence.GroupBy(f => f.Id).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    /// <summary>An Arabic search must find every record, so every record has an Arabic name.</summary>
    [Fact]
    public void EveryRecordHasAnArabicName() =>
        Problems.None(Presence.Where(f => string.IsNullOrWhiteSpace(f.NameAr)).Select(f => $"{f.Id}: no nameAr"));

    /// <summary>«طريق معبدة» ("a paved road") was written where the place name «طريق المعبدة» (the al-Maabada road) was meant.</summary>
    [Fact]
    public void TheMaabadaRoadIsWrittenWithTheArticle() =>
        Problems.None(Presence.Where(f => (f.NameAr ?? "").Contains("طريق معبدة", StringComparison.Ordinal)).Select(f => $"{f.Id}: {f.NameAr}"));

    [Fact]
    public void CountsReport()
    {
        var features = Presence;
        Assert.NotEmpty(features);
        output.WriteLine(GeodataReport.Format(features, Outlets.Load()));
    }
}
