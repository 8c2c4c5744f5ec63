namespace Map.UnitTests.Geodata;

/// <summary>
/// One entry of geodata/outlets.json: a web domain that sources may be cited from, and what kind of source it is.
/// <paramref name="DistinctFrom"/> names a listed domain one letter away that was checked to be a different, real outlet.
/// </summary>
public sealed record Outlet(string Domain, string Name, string Label, string? SameOutletAs = null, string? Note = null, string? DistinctFrom = null);

/// <summary>The list of known outlets and how a cited URL is matched against it.</summary>
public sealed class Outlets(IReadOnlyList<Outlet> entries)
{
    /// <summary>The labels a listed outlet may carry (defined in geodata/README.md, "Sources and confidence").</summary>
    public static readonly IReadOnlySet<string> Labels = new HashSet<string>(StringComparer.Ordinal)
    {
        "primary/official", "agency", "outlet", "partisan", "monitor", "think-tank", "encyclopedia", "mirror",
    };

    public IReadOnlyList<Outlet> Entries { get; } = entries;

    public static Outlets Load() => new(GeodataRecords.ReadJson<List<Outlet>>("outlets.json"));

    /// <summary>The host of a URL without "www." and port, lower case.</summary>
    public static string Host(string url)
    {
        var host = new Uri(url).Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    /// <summary>
    /// The listed outlet a URL belongs to: its host is a listed domain or a subdomain of one (english.alaraby.co.uk
    /// belongs to alaraby.co.uk). A host that merely resembles a listed domain (lranintl.com for iranintl.com) matches nothing.
    /// </summary>
    public Outlet? Match(string url)
    {
        var host = Host(url);
        return Entries
            .Where(o => host == o.Domain || host.EndsWith("." + o.Domain, StringComparison.Ordinal))
            .MaxBy(o => o.Domain.Length);
    }

    /// <summary>Edit distance between two domains, to find look-alikes (one letter swapped, added or dropped).</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
