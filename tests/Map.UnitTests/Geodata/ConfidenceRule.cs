namespace Map.UnitTests.Geodata;

/// <summary>
/// The highest confidence a record's sources allow (geodata/README.md, "Sources and confidence"). Counted per distinct
/// outlet, so two pages of one outlet count once:
/// 0.95 — two or more outlets that are primary/official, agency, outlet or think-tank, at least one primary/official or agency;
/// 0.85 — one primary/official or agency, or two independent outlets/think-tanks;
/// 0.75 — one outlet or think-tank, or a monitor or encyclopedia together with another outlet of any label;
/// 0.7 — only monitors or encyclopedias;
/// 0.6 — only partisan outlets and mirrors.
/// </summary>
public static class ConfidenceRule
{
    private static readonly HashSet<string> Strong = ["primary/official", "agency"];
    private static readonly HashSet<string> Independent = ["outlet", "think-tank"];
    private static readonly HashSet<string> Reference = ["monitor", "encyclopedia"];

    public static double Ceiling(IEnumerable<Outlet> sources)
    {
        var outlets = sources.DistinctBy(o => o.SameOutletAs ?? o.Domain).ToList();
        var strong = outlets.Count(o => Strong.Contains(o.Label));
        var independent = outlets.Count(o => Independent.Contains(o.Label));
        var reference = outlets.Count(o => Reference.Contains(o.Label));
        if (strong >= 1 && strong + independent >= 2) return 0.95;
        if (strong >= 1 || independent >= 2) return 0.85;
        if (independent == 1 || (reference >= 1 && outlets.Count >= 2)) return 0.75;
        if (reference >= 1) return 0.7;
        return 0.6;
    }
}
