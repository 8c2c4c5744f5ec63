using System.Globalization;
using Map.Data.Queries;
using Map.Web.Items;

namespace Map.Web.Filtering;

/// <summary>
/// Queryables as query parameters (Part 3 "queryables-query-parameters"): name=value means equality; actor and kind
/// take comma-separated lists (any of them). Every queryable is one, which is also how GDAL 3.6 learns which
/// properties it may name in a filter (it reads the items parameters of /api).
/// </summary>
public static class PropertyParameters
{
    private static readonly HashSet<string> Lists = ["actor", "kind"];

    public static IEnumerable<FilterExpression> Parse(Dictionary<string, string?> values)
    {
        foreach (var (name, text) in values)
        {
            if (text is null) continue;
            Http.RequestText.Check(name, text);
            var property = new PropertyOperand(QueryableProperties.Find(name)!);
            if (Lists.Contains(name))
            {
                var items = text.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
                if (items.Count == 0) throw new InvalidParameterException(name, "Give at least one value.");
                yield return items.Count == 1
                    ? new ComparisonExpression(ComparisonOperator.Equal, property, new LiteralOperand(items[0]))
                    : new InExpression(property, items.Select(v => (ScalarOperand)new LiteralOperand(v)).ToList());
                continue;
            }
            yield return new ComparisonExpression(ComparisonOperator.Equal, property, new LiteralOperand(Literal(name, property.Property.Type, text)));
        }
    }

    private static object Literal(string name, QueryableType type, string text) => type switch
    {
        QueryableType.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : throw new InvalidParameterException(name, $"'{text}' is not a date (YYYY-MM-DD)."),
        QueryableType.Integer => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? (long)integer : throw new InvalidParameterException(name, $"'{text}' is not an integer."),
        QueryableType.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
            ? n : throw new InvalidParameterException(name, $"'{text}' is not a number."),
        QueryableType.Boolean => text switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new InvalidParameterException(name, $"'{text}' is not true or false (or 1 or 0)."),
        },
        _ => text,
    };
}
