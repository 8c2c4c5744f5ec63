using System.Globalization;

namespace Map.UnitTests.Geodata;

/// <summary>A date known to the day, the month or the year ("2020-08-25", "2020-08", "2020"), as the span of days it may mean.</summary>
public readonly record struct PartialDate(DateOnly First, DateOnly Last)
{
    public static PartialDate Parse(string text)
    {
        var c = CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", c, DateTimeStyles.None, out var day)) return new(day, day);
        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", c, DateTimeStyles.None, out var month))
            return new(month, month.AddMonths(1).AddDays(-1));
        if (text.Length == 4 && int.TryParse(text, NumberStyles.None, c, out var year) && year is > 1900 and < 2100)
            return new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        throw new FormatException($"'{text}' is not YYYY-MM-DD, YYYY-MM or YYYY");
    }

    /// <summary>A record's start at its stated precision: validFrom is the first day of that month or year.</summary>
    public static PartialDate Start(DateOnly validFrom, Map.Data.Model.DatePrecision precision) => precision switch
    {
        Map.Data.Model.DatePrecision.Month => new(validFrom, validFrom.AddMonths(1).AddDays(-1)),
        Map.Data.Model.DatePrecision.Year => new(validFrom, validFrom.AddYears(1).AddDays(-1)),
        _ => new(validFrom, validFrom),
    };

    public override string ToString() => First == Last
        ? First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : $"{First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}..{Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
