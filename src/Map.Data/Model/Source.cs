using System.Globalization;

namespace Map.Data.Model;

/// <summary>A public source a feature is based on. Published is kept as text because sources are sometimes dated only to the month or year.</summary>
public sealed record Source(string Title, string Url, string? Published)
{
    /// <summary>
    /// A record's last confirmation: the newest published date of its sources, each taken as the first day it can mean
    /// ("2020-08" is 2020-08-01, "2020" is 2020-01-01), so a month- or year-dated source never claims more than it says.
    /// Every writer of features (seeder, importer, editing) derives <see cref="Feature.LastConfirmed"/> with this.
    /// </summary>
    public static DateOnly? NewestPublished(IEnumerable<Source> sources) =>
        sources.Select(s => FirstDay(s.Published)).Where(d => d is not null).Max();

    private static DateOnly? FirstDay(string? published)
    {
        if (string.IsNullOrWhiteSpace(published)) return null;
        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        return DateOnly.TryParseExact(published.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }
}
