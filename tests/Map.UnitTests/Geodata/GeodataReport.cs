using System.Globalization;
using Map.Data.Model;

namespace Map.UnitTests.Geodata;

/// <summary>Counts of the dataset per layer, actor, region, start year and source label, as printed by the checks.</summary>
public static class GeodataReport
{
    public static string Format(IReadOnlyList<Feature> features, Outlets outlets)
    {
        var lines = new List<string> { $"{features.Count} presence records" };
        Section("layer", features.GroupBy(f => f.LayerId));
        Section("actor", features.GroupBy(f => f.ActorId ?? "-"));
        Section("region", features.GroupBy(f => f.String("region") ?? "-"));
        Section("year", features.GroupBy(f => f.ValidFrom.Year.ToString(CultureInfo.InvariantCulture)));
        Section("source label (citations)", features.SelectMany(f => f.Sources).GroupBy(s => outlets.Match(s.Url)?.Label ?? "unlisted"));
        lines.Add($"open-ended: {features.Count(f => f.ValidTo is null)}");
        return string.Join(Environment.NewLine, lines);

        void Section<T>(string title, IEnumerable<IGrouping<string, T>> groups)
        {
            lines.Add($"by {title}:");
            lines.AddRange(groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"  {g.Key,-34} {g.Count(),4}"));
        }
    }
}
