namespace Map.Data.Model;

/// <summary>The kinds of record geodata/README.md defines: the dataset checks and the write API accept these.</summary>
public static class Kinds
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "air base", "base", "outpost", "observation post", "checkpoint", "patrol route", "zone", "line", "area of control",
        "encounter", "collision", "stand-off", "strike", "clash", "attack", "agreement", "incursion",
    };
}
