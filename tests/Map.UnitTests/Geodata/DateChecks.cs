using System.Globalization;
using Map.Data.Model;

namespace Map.UnitTests.Geodata;

/// <summary>
/// A record's dates agree with its sources' publication dates (rules in geodata/README.md, "Dates and sources").
/// A source marked role "announcement" (it announced the event ahead of time) or "background" (it describes the
/// site or context, not the record's own fact) is exempt from the first rule.
/// </summary>
public sealed class DateChecks
{
    /// <summary>Kinds that are single events rather than a presence over time.</summary>
    public static readonly IReadOnlySet<string> EventKinds =
        new HashSet<string>(StringComparer.Ordinal) { "encounter", "collision", "stand-off", "strike", "clash", "attack", "agreement", "incursion" };

    public static readonly IReadOnlySet<string> ValidToBases =
        new HashSet<string>(StringComparer.Ordinal) { "reported", "inferred", "withdrawal began", "last report" };

    private const int ContemporaryDays = 7;

    [Fact]
    public void NoSourceIsDatedBeforeTheRecordItReportsBegins() =>
        Problems.None(
            from r in GeodataRecords.WithRaw
            let start = PartialDate.Start(r.Feature.ValidFrom, r.Feature.DatePrecision)
            from s in r.Raw.Properties["sources"]?.AsArray() ?? []
            where (string?)s!["role"] is not ("announcement" or "background")
            let published = PartialDate.Parse((string)s!["published"]!)
            // One day of slack for time zones: a Washington statement on a night strike in Syria carries the previous day's date.
            where published.Last < start.First.AddDays(-1)
            select $"{r.Feature.Id}: source dated {published} is before the record starts ({start}): {s!["url"]}");

    [Fact]
    public void AnEventDatedToTheDayHasAReportFromThatDayOrTheWeekAfter() =>
        Problems.None(
            from f in GeodataRecords.Presence
            where EventKinds.Contains(f.Kind) && f.DatePrecision == DatePrecision.Day
            where !f.Sources.Any(s => PartialDate.Parse(s.Published!) is var p
                && p.Last >= f.ValidFrom && p.First <= f.ValidFrom.AddDays(ContemporaryDays))
            select string.Create(CultureInfo.InvariantCulture,
                $"{f.Id}: no source published from {f.ValidFrom:yyyy-MM-dd} to {ContemporaryDays} days later confirms the day"));

    [Fact]
    public void AClosedRecordCitesASourceFromItsEndOrLater() =>
        Problems.None(
            from f in GeodataRecords.Presence
            where f.ValidTo is not null && !f.Sources.Any(s => PartialDate.Parse(s.Published!).Last >= f.ValidTo!.Value)
            select string.Create(CultureInfo.InvariantCulture,
                $"{f.Id}: ends {f.ValidTo:yyyy-MM-dd} but no source is dated on or after that; cite what the end is based on"));

    /// <summary>
    /// Currency: an open-ended record (validTo null, drawn as present today) must be confirmed by a source published in
    /// the twelve months before the dataset's "as of" date (geodata/dataset.json), or be closed with its end's basis.
    /// </summary>
    [Fact]
    public void AnOpenEndedRecordHasASourceFromTheTwelveMonthsBeforeTheDatasetDate()
    {
        var since = GeodataRecords.AsOf.AddMonths(-12);
        Problems.None(
            from f in GeodataRecords.Presence
            where f.ValidTo is null && !f.Sources.Any(s => PartialDate.Parse(s.Published!).First >= since)
            select string.Create(CultureInfo.InvariantCulture, $"{f.Id}: open-ended, but no source is dated on or after {since:yyyy-MM-dd}"));
    }

    /// <summary>Pinned so that the currency check does not change meaning silently: moving the date is a deliberate data review.</summary>
    [Fact]
    public void TheDatasetIsStatedCurrentTo30November2026() => Assert.Equal(new DateOnly(2026, 11, 30), GeodataRecords.AsOf);

    [Fact]
    public void EveryClosedEndHasAKnownBasis() =>
        Problems.None(
            from f in GeodataRecords.Presence
            let basis = f.String("validToBasis")
            where basis is not null && !ValidToBases.Contains(basis)
            select $"{f.Id}: validToBasis '{basis}'");

    [Theory]
    [InlineData("2020-08-25", "2020-08-25", "2020-08-25")]
    [InlineData("2020-08", "2020-08-01", "2020-08-31")]
    [InlineData("2020", "2020-01-01", "2020-12-31")]
    public void APublishedDateMeansEveryDayOfItsPrecision(string text, string first, string last) =>
        Assert.Equal(new PartialDate(DateOnly.Parse(first, CultureInfo.InvariantCulture), DateOnly.Parse(last, CultureInfo.InvariantCulture)),
            PartialDate.Parse(text));
}
