using System.Globalization;

namespace Map.Data.Editing;

/// <summary>
/// A feature's version: the instant its current row was recorded (<c>features.recorded_at</c>, microseconds), which
/// every insert and update moves. The API writes it into the item's ETag and compares If-Match with it.
/// </summary>
public readonly record struct FeatureVersion(long Microseconds)
{
    public static FeatureVersion From(DateTime recordedAt) =>
        new((DateTime.SpecifyKind(recordedAt, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / 10);

    public DateTimeOffset Instant => DateTimeOffset.UnixEpoch.AddTicks(Microseconds * 10);

    public override string ToString() => Microseconds.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out FeatureVersion version)
    {
        var ok = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var micros);
        version = new(micros);
        return ok;
    }
}

/// <summary>The If-Match of a write: any version (<c>*</c>) or these.</summary>
public sealed record IfMatch(bool Any, IReadOnlyList<FeatureVersion> Versions)
{
    public bool Accepts(FeatureVersion current) => Any || Versions.Contains(current);
}

/// <summary>Who writes and why: the key's name and the request's comment; a deletion also names its sources.</summary>
public sealed record Provenance(string Author, string? Comment, IReadOnlyList<Model.Source>? DeletionSources = null);
