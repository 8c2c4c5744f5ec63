using System.Globalization;
using Map.Data.Queries;
using Map.Web.Crs;
using NetTopologySuite.Geometries;
using static Map.Web.Ogc.QueryParameters;

namespace Map.Web.Items;

/// <summary>Parses and validates the items query parameters; every failure names its parameter.</summary>
public static class ParameterParser
{
    private const NumberStyles Number = NumberStyles.Float;

    /// <summary>
    /// recorded-at: an RFC 3339 date-time (with Z or an offset), or a date, which means the end of that day (UTC): "as
    /// recorded on 2026-11-01" includes what was recorded during that day.
    /// </summary>
    public static DateTimeOffset? ParseRecordedAt(string? text)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-10);
        if (text.Length > 10 && text[10] is 'T' or 't'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-'))
            return instant.ToUniversalTime();
        throw new InvalidParameterException(RecordedAt,
            $"'{text}' is not an RFC 3339 date-time with a time zone (2026-11-30T08:00:00Z) or a date (2026-11-30).");
    }

    /// <summary>minLon,minLat,maxLon,maxLat (or the 6-number form with heights, which are ignored) in CRS84.</summary>
    public static Envelope? ParseBbox(string? text) => ParseBbox(text, SpatialReference.Crs84);

    /// <summary>
    /// A box in <paramref name="crs"/>: in EPSG:4326 the axis order is latitude first (minLat,minLon,maxLat,maxLon),
    /// so the result always has x = easting or longitude.
    /// </summary>
    public static Envelope? ParseBbox(string? text, SpatialReference crs)
    {
        if (text is null) return null;
        var parts = text.Split(',');
        if (parts.Length is not (4 or 6))
            throw new InvalidParameterException(Bbox, $"Expected 4 comma-separated numbers (minLon,minLat,maxLon,maxLat), got {parts.Length} values.");
        var numbers = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], Number, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
                throw new InvalidParameterException(Bbox, $"'{parts[i]}' is not a number.");
        var (minX, minY, maxX, maxY) = parts.Length == 4
            ? (numbers[0], numbers[1], numbers[2], numbers[3])
            : (numbers[0], numbers[1], numbers[3], numbers[4]);
        if (crs.LatitudeFirst) (minX, minY, maxX, maxY) = (minY, minX, maxY, maxX);
        if (!CrsDomains.Contains(crs, minX, minY) || !CrsDomains.Contains(crs, maxX, maxY))
            throw new InvalidParameterException(Bbox, $"In {crs.Uri} a box must lie within {CrsDomains.Describe(crs)}.");
        if (minY > maxY)
            throw new InvalidParameterException(Bbox, "The lower latitude (or northing) is greater than the upper one.");
        if (minX > maxX)
            throw new InvalidParameterException(Bbox, "Boxes crossing the antimeridian are not supported (minLon > maxLon).");
        return new Envelope(minX, maxX, minY, maxY);
    }

    /// <summary>Comma-separated queryables, each optionally prefixed with '+' (ascending, the default) or '-'.</summary>
    public static IReadOnlyList<SortTerm> ParseSortBy(string? text)
    {
        if (text is null) return [];
        var keys = new List<SortTerm>();
        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            var descending = item.StartsWith('-');
            if (item.StartsWith('-') || item.StartsWith('+')) item = item[1..];
            var queryable = QueryableProperties.Find(item)
                ?? throw new InvalidParameterException(SortBy,
                    $"'{item}' is not a queryable; sortable: {string.Join(", ", QueryableProperties.All.Select(q => q.Name))}.");
            if (keys.Any(k => k.Property == queryable)) throw new InvalidParameterException(SortBy, $"'{item}' is given twice.");
            keys.Add(new SortTerm(queryable, descending));
        }
        return keys;
    }

    /// <summary>Comma-separated queryables; an empty value selects no properties at all.</summary>
    public static IReadOnlyList<QueryableProperty>? ParseProperties(string? text)
    {
        if (text is null) return null;
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => QueryableProperties.Find(name)
                ?? throw new InvalidParameterException(Properties,
                    $"'{name}' is not a queryable: {string.Join(", ", QueryableProperties.All.Select(q => q.Name))}."))
            .Distinct().ToList();
    }

    /// <summary>An RFC 3339 date or date-time, or an interval of two with '..' or nothing for an open end.</summary>
    public static ValidTime? ParseDatetime(string? text)
    {
        if (text is null) return null;
        var parts = text.Split('/');
        if (parts.Length == 1) return ValidTime.On(ParseInstant(parts[0]) ?? throw Invalid("An instant cannot be '..'."));
        if (parts.Length != 2) throw Invalid("Expected an instant or an interval 'start/end'.");
        var start = ParseInstant(parts[0]);
        var end = ParseInstant(parts[1]);
        if (start is null && end is null) throw Invalid("At least one end of the interval must be a date.");
        if (start > end) throw Invalid("The interval starts after it ends.");
        return new ValidTime(start, end);

        static InvalidParameterException Invalid(string detail) => new(Datetime, detail);
    }

    /// <summary>A date, or a date-time taken as its UTC day; "2020-01-01T" (a date as GDAL writes it) is that date.</summary>
    private static DateOnly? ParseInstant(string text)
    {
        if (text is "" or "..") return null;
        var date = text.Length == 11 && text[10] is 'T' or 't' ? text[..10] : text;
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        if (text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return DateOnly.FromDateTime(instant.UtcDateTime);
        throw new InvalidParameterException(Datetime, $"'{text}' is not an RFC 3339 date (YYYY-MM-DD) or date-time.");
    }

    /// <summary>At least 1; above the maximum it is lowered to the maximum, as OGC API – Features requires.</summary>
    public static int ParseLimit(string? text, int defaultLimit, int maxLimit)
    {
        if (text is null) return defaultLimit;
        var digitsOnly = text.Length > 0 && text.All(char.IsAsciiDigit);
        if (digitsOnly && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _)) return maxLimit;
        if (!digitsOnly || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
            throw new InvalidParameterException(Limit, $"'{text}' is not a positive integer.");
        return Math.Min(limit, maxLimit);
    }

    public static int ParseOffset(string? text)
    {
        if (text is null) return 0;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            throw new InvalidParameterException(Offset, $"'{text}' is not a non-negative integer.");
        return offset;
    }
}
