using System.Globalization;
using Map.Data.Model;

namespace Map.UnitTests.Geodata;

/// <summary>Counts of the dataset per layer, actor, region and start year, as printed by the checks.</summary>
public static class GeodataReport
{
    public static string Format(IReadOnlyList<Feature> features)
    {
        var lines = new List<string> { $"{features.Count} presence records" };
        Section("layer", features.GroupBy(f => f.LayerId));
        Section("actor", features.GroupBy(f => f.ActorId ?? "-"));
        Section("region", features.GroupBy(f => (string?)f.Properties["region"] ?? "-"));
        Section("year", features.GroupBy(f => f.ValidFrom.Year.ToString(CultureInfo.InvariantCulture)));
        return string.Join(Environment.NewLine, lines);

        void Section(string title, IEnumerable<IGrouping<string, Feature>> groups)
        {
            lines.Add($"by {title}:");
            lines.AddRange(groups.OrderBy(g => g.Key).Select(g => $"  {g.Key,-34} {g.Count(),4}"));
        }
    }
}
