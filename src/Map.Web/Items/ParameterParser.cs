using System.Globalization;
using Map.Data.Queries;
using NetTopologySuite.Geometries;
using static Map.Web.Ogc.QueryParameters;

namespace Map.Web.Items;

/// <summary>Parses and validates the items query parameters; every failure names its parameter.</summary>
public static class ParameterParser
{
    private const NumberStyles Number = NumberStyles.Float;

    /// <summary>minLon,minLat,maxLon,maxLat (or the 6-number form with heights, which are ignored).</summary>
    public static Envelope? ParseBbox(string? text)
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
        if (minX < -180 || maxX > 180 || minY < -90 || maxY > 90)
            throw new InvalidParameterException(Bbox, "Longitudes must lie in [-180, 180] and latitudes in [-90, 90].");
        if (minY > maxY)
            throw new InvalidParameterException(Bbox, "The lower latitude is greater than the upper latitude.");
        if (minX > maxX)
            throw new InvalidParameterException(Bbox, "Boxes crossing the antimeridian are not supported (minLon > maxLon).");
        return new Envelope(minX, maxX, minY, maxY);
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

    private static DateOnly? ParseInstant(string text)
    {
        if (text is "" or "..") return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
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
