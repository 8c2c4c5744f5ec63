using System.Globalization;
using Map.Data.Model;

namespace Map.UnitTests.Geodata;

/// <summary>
/// Handovers and shared sites. `predecessor` means "this site passed from that record's force to this one": the new
/// record starts when the old one ends. Two forces at one site at the same time are linked with `coLocatedWith` instead.
/// </summary>
public sealed class TimelineChecks
{
    private static readonly Dictionary<string, Feature> ById = GeodataRecords.Presence.ToDictionary(f => f.Id);

    [Fact]
    public void ASuccessorStartsWhenItsPredecessorEndsWithinTheStatedPrecision() =>
        Problems.None(GeodataRecords.Presence.Where(f => f.PredecessorId is not null).Select(HandoverProblem).OfType<string>());

    private static string? HandoverProblem(Feature f)
    {
        if (!ById.TryGetValue(f.PredecessorId!, out var old)) return $"{f.Id}: unknown predecessor '{f.PredecessorId}'";
        if (old.ValidTo is null) return $"{f.Id}: predecessor {old.Id} never ends, so nothing was handed over";
        var slack = Slack(f.DatePrecision) + Slack(Precision(old.String("validToPrecision")));
        var gap = f.ValidFrom.DayNumber - old.ValidTo.Value.DayNumber;
        return gap >= -slack && gap <= slack + 1 ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{f.Id} starts {f.ValidFrom:yyyy-MM-dd}, its predecessor {old.Id} ends {old.ValidTo:yyyy-MM-dd} ({gap} days; {slack} allowed)");
    }

    [Fact]
    public void CoLocatedRecordsExistOverlapInTimeAndAreNotAlsoPredecessors() =>
        Problems.None(
            from f in GeodataRecords.Presence
            from id in f.Strings("coLocatedWith")
            let other = ById.GetValueOrDefault(id)
            where other is null || !Overlap(f, other) || id == f.PredecessorId
            select other is null ? $"{f.Id}: unknown coLocatedWith '{id}'" : $"{f.Id} and {id}: co-located records must coexist and not be predecessors");

    [Fact]
    public void NoRecordIsItsOwnPredecessorThroughAChain() =>
        Problems.None(GeodataRecords.Presence.Where(Loops).Select(f => $"{f.Id}: its predecessor chain loops"));

    private static bool Loops(Feature f)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { f.Id };
        for (var id = f.PredecessorId; id is not null && ById.TryGetValue(id, out var p); id = p.PredecessorId)
            if (!seen.Add(id)) return true;
        return false;
    }

    internal static bool Overlap(Feature a, Feature b) =>
        a.ValidFrom <= (b.ValidTo ?? DateOnly.MaxValue) && b.ValidFrom <= (a.ValidTo ?? DateOnly.MaxValue);

    private static DatePrecision Precision(string? text) =>
        Enum.TryParse<DatePrecision>(text ?? "day", ignoreCase: true, out var p) ? p : DatePrecision.Day;

    private static int Slack(DatePrecision precision) => precision switch
    {
        DatePrecision.Month => 31,
        DatePrecision.Year => 366,
        _ => 0,
    };
}
