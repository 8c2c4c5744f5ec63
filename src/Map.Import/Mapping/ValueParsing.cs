using System.Globalization;
using Map.Data.Model;

namespace Map.Import.Mapping;

/// <summary>Reads dates and confidences from DBF values: date fields, numbers and the common text forms.</summary>
public static class ValueParsing
{
    /// <summary>Day-first where day and month are ambiguous (25/08/2020, 05.08.2020), as written in Syria and Europe.</summary>
    private static readonly string[] DayFormats =
    [
        "yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", "yyyyMMdd", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "d.M.yyyy",
        "dd-MM-yyyy", "d-M-yyyy",
        "d MMMM yyyy", "d MMM yyyy", "MMMM d, yyyy", "MMM d, yyyy",
    ];

    private static readonly string[] MonthFormats = ["yyyy-MM", "yyyy/MM", "MM/yyyy", "M/yyyy", "MMMM yyyy", "MMM yyyy"];

    public static bool TryDate(object? value, out DateOnly date, out DatePrecision precision, out string reason)
    {
        precision = DatePrecision.Day;
        reason = "";
        switch (value)
        {
            case DateOnly d:
                date = d;
                return true;
            case long or double:
                return TryDate(Convert.ToString(value, CultureInfo.InvariantCulture), out date, out precision, out reason);
            case string text:
                text = text.Trim();
                if (DateOnly.TryParseExact(text, DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date)) return true;
                // ISO date-times (2020-08-25T10:00:00Z, 2020-08-25 10:00) count as their UTC day.
                if (text.Length > 10 && text[4] == '-' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
                {
                    date = DateOnly.FromDateTime(moment.UtcDateTime);
                    return true;
                }
                if (DateOnly.TryParseExact(text, MonthFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date))
                {
                    precision = DatePrecision.Month;
                    return true;
                }
                if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is > 1800 and < 2200)
                {
                    date = new DateOnly(year, 1, 1);
                    precision = DatePrecision.Year;
                    return true;
                }
                reason = $"'{text}' is not a date (YYYY-MM-DD, DD/MM/YYYY, YYYY-MM, YYYY, …)";
                return false;
            default:
                date = default;
                reason = "no date";
                return false;
        }
    }

    /// <summary>
    /// A confidence from 0 to 1: a number from 0 to 1 as it is; a whole number from 2 to 100, or any number written
    /// with %, as a percentage; "high", "medium", "low" as 0.9, 0.6, 0.3. So 1 is certain (not 1 %), and a fraction
    /// above 1 such as 1.5 is refused rather than guessed (read as a percentage it would become 0.015).
    /// </summary>
    public static bool TryConfidence(object? value, out double confidence, out string reason)
    {
        reason = "";
        confidence = 0;
        var text = value as string;
        var percent = text is not null && text.Trim().EndsWith('%');
        var number = value switch
        {
            long l => l,
            double d => d,
            string s when double.TryParse(percent ? s.Trim()[..^1] : s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            string s when !percent => s.Trim().ToLowerInvariant() switch
            {
                "high" => 0.9, "medium" => 0.6, "low" => 0.3,
                _ => double.NaN,
            },
            _ => double.NaN,
        };
        if (double.IsNaN(number))
        {
            reason = $"'{value}' is not a confidence (0–1, a percentage such as 75 or 62.5%, or high/medium/low)";
            return false;
        }
        if (percent ? number is >= 0 and <= 100 : number is >= 0 and <= 1)
        {
            confidence = percent ? number / 100 : number;
            return true;
        }
        if (number is >= 2 and <= 100 && Math.Floor(number) == number)
        {
            confidence = number / 100;
            return true;
        }
        reason = $"{number.ToString(CultureInfo.InvariantCulture)}{(percent ? "%" : "")} is not a confidence: give a number from 0 to 1, " +
            "a whole percentage from 2 to 100, or a percentage with % (e.g. 62.5%)";
        return false;
    }
}
