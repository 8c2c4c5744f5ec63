using System.Globalization;

namespace Map.UnitTests.Geodata;

/// <summary>Every cited web page is from a known outlet with a label, and confidence never claims more than the sources allow.</summary>
public sealed class SourceChecks
{
    private static readonly Outlets Known = Outlets.Load();

    [Fact]
    public void EveryCitedDomainIsAListedOutlet() =>
        Problems.None(
            from f in GeodataRecords.Presence
            from s in f.Sources
            where Known.Match(s.Url) is null
            select $"{f.Id}: '{Outlets.Host(s.Url)}' is not in geodata/outlets.json ({s.Url})");

    [Fact]
    public void EveryListedOutletHasAKnownLabelAndIsListedOnce()
    {
        Assert.All(Known.Entries, o => Assert.True(Outlets.Labels.Contains(o.Label), $"{o.Domain}: label '{o.Label}'"));
        Assert.All(Known.Entries, o => Assert.False(string.IsNullOrWhiteSpace(o.Name), $"{o.Domain}: no name"));
        Assert.Empty(Known.Entries.GroupBy(o => o.Domain).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Theory]
    [InlineData("https://lranintl.com/en/202501029963")] // a lower-case L for the i of iranintl.com
    [InlineData("https://iranintl.com.example.net/en/1")]
    [InlineData("https://reuters.co/world/")]
    public void ALookAlikeOfAListedOutletIsNotAccepted(string url) => Assert.Null(Known.Match(url));

    [Theory]
    [InlineData("https://www.iranintl.com/en/202501029963", "iranintl.com")]
    [InlineData("https://english.alaraby.co.uk/news/x", "alaraby.co.uk")]
    public void AListedOutletAndItsSubdomainsAreAccepted(string url, string domain) => Assert.Equal(domain, Known.Match(url)?.Domain);

    /// <summary>
    /// A look-alike cannot be slipped into the list either: two listed domains one letter apart must say they are one outlet
    /// (sameOutletAs) or that they were checked to be two real outlets (distinctFrom).
    /// </summary>
    [Fact]
    public void NoTwoListedDomainsAreOneLetterApartUnlessTheyAreTheSameOutlet()
    {
        var pairs = from a in Known.Entries
                    from b in Known.Entries
                    where string.CompareOrdinal(a.Domain, b.Domain) < 0 && Outlets.Distance(a.Domain, b.Domain) <= 1
                    where a.SameOutletAs != b.Domain && b.SameOutletAs != a.Domain && a.DistinctFrom != b.Domain && b.DistinctFrom != a.Domain
                    select $"{a.Domain} ~ {b.Domain}";
        Assert.Empty(pairs);
    }

    [Fact]
    public void EverySourceHasAPublishedDateNoLaterThanTheDatasetDate() =>
        Problems.None(
            from f in GeodataRecords.Presence
            from s in f.Sources
            where string.IsNullOrEmpty(s.Published) || PartialDate.Parse(s.Published).First > GeodataRecords.AsOf
            select $"{f.Id}: published '{s.Published}' is missing or after the dataset date ({s.Url})");

    [Fact]
    public void NoRecordClaimsMoreConfidenceThanItsSourcesAllow() =>
        Problems.None(
            from f in GeodataRecords.Presence
            let outlets = f.Sources.Select(s => Known.Match(s.Url)).OfType<Outlet>().ToList()
            let ceiling = ConfidenceRule.Ceiling(outlets)
            where f.Confidence > ceiling + 1e-9
            select string.Create(CultureInfo.InvariantCulture,
                $"{f.Id}: confidence {f.Confidence} above {ceiling} allowed by [{string.Join(", ", outlets.Select(o => $"{o.Domain}:{o.Label}"))}]"));

    [Theory]
    [InlineData(0.95, "primary/official", "outlet")]
    [InlineData(0.85, "agency")]
    [InlineData(0.85, "outlet", "think-tank")]
    [InlineData(0.75, "outlet", "partisan")]
    [InlineData(0.75, "monitor", "partisan")]
    [InlineData(0.7, "monitor")]
    [InlineData(0.6, "partisan", "mirror")]
    public void TheConfidenceCeilingFollowsTheLabels(double ceiling, params string[] labels) =>
        Assert.Equal(ceiling, ConfidenceRule.Ceiling(labels.Select((l, i) => new Outlet($"d{i}.example", "x", l))));

    [Fact]
    public void TwoPagesOfOneOutletCountOnce() =>
        Assert.Equal(0.75, ConfidenceRule.Ceiling([new Outlet("a.example", "A", "outlet"), new Outlet("a.example", "A", "outlet")]));
}
