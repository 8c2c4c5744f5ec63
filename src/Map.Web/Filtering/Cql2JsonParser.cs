using System.Text.Json;
using Map.Data.Queries;
using Map.Web.GeoJson;
using NetTopologySuite.Geometries;

namespace Map.Web.Filtering;

/// <summary>
/// CQL2 JSON (OGC 21-065r2): {"op": ..., "args": [...]}, {"property": ...}, {"date"|"timestamp"|"interval": ...},
/// {"bbox": [...]} and GeoJSON geometries. Builds the same checked tree as <see cref="Cql2TextParser"/>; every
/// member must have the JSON type the standard gives it, or the filter is a 400.
/// </summary>
public sealed class Cql2JsonParser(FilterTerms terms)
{
    /// <summary>Each level of a filter is two of JSON (an object and its args array), plus room for GeoJSON literals.</summary>
    private const int MaxJsonDepth = 2 * FilterTerms.MaxNesting + 16;

    private static readonly JsonDocumentOptions Reading = new() { MaxDepth = MaxJsonDepth };

    private static readonly HashSet<string> Implemented =
        ["and", "or", "not", "=", "<>", "<", "<=", ">", ">=", "like", "between", "in", "isnull", "s_intersects", "t_intersects"];

    private int depth;

    public static FilterExpression Parse(string json, FilterTerms terms)
    {
        // Checked before parsing: JsonDocument takes time that grows with the square of the depth (25 s at 28,000).
        if (Depth(json) > MaxJsonDepth) FilterTerms.CheckNesting(FilterTerms.MaxNesting + 1);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Reading);
        }
        catch (JsonException e)
        {
            throw FilterTerms.Invalid($"The CQL2 JSON is not valid JSON: {e.Message}");
        }
        using (document) return new Cql2JsonParser(terms).Expression(document.RootElement);
    }

    private FilterExpression Expression(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("op", out var opNode) || opNode.ValueKind != JsonValueKind.String)
            throw FilterTerms.Invalid("Expected an object with \"op\" and \"args\".");
        var op = Text(opNode).ToLowerInvariant();
        if (!Implemented.Contains(op)) throw FilterTerms.NotSupported(op);
        var args = node.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().ToList()
            : throw FilterTerms.Invalid($"Operator '{op}' needs an \"args\" array.");
        FilterTerms.CheckNesting(++depth);
        var expression = op switch
        {
            "and" => FilterTerms.And(AtLeast(2, args, op).Select(Expression).ToList()),
            "or" => FilterTerms.Or(AtLeast(2, args, op).Select(Expression).ToList()),
            "not" => FilterTerms.Not(Expression(Exactly(1, args, op)[0])),
            "=" => Compare(ComparisonOperator.Equal, args, op),
            "<>" => Compare(ComparisonOperator.NotEqual, args, op),
            "<" => Compare(ComparisonOperator.Less, args, op),
            "<=" => Compare(ComparisonOperator.LessOrEqual, args, op),
            ">" => Compare(ComparisonOperator.Greater, args, op),
            ">=" => Compare(ComparisonOperator.GreaterOrEqual, args, op),
            "like" => FilterTerms.Like(Scalar(Exactly(2, args, op)[0]), Scalar(args[1])),
            "between" => FilterTerms.Between(Scalar(Exactly(3, args, op)[0]), Scalar(args[1]), Scalar(args[2])),
            "in" => Exactly(2, args, op)[1].ValueKind == JsonValueKind.Array
                ? FilterTerms.In(Scalar(args[0]), args[1].EnumerateArray().Select(Scalar).ToList())
                : throw FilterTerms.Invalid("The second argument of 'in' must be an array."),
            "isnull" => new IsNullExpression(Scalar(Exactly(1, args, op)[0])),
            "s_intersects" => terms.SpatialIntersects(Spatial(Exactly(2, args, op)[0]), Spatial(args[1])),
            _ => FilterTerms.TemporalIntersects(Temporal(Exactly(2, args, op)[0]), Temporal(args[1])),
        };
        depth--;
        return expression;
    }

    private static FilterExpression Compare(ComparisonOperator op, List<JsonElement> args, string name) =>
        FilterTerms.Comparison(op, Scalar(Exactly(2, args, name)[0]), Scalar(args[1]));

    private static ScalarOperand Scalar(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.String => FilterTerms.Text(StringOf(node)),
        JsonValueKind.Number => FilterTerms.Number(node.TryGetDouble(out var number) ? number : double.PositiveInfinity),
        JsonValueKind.True => new LiteralOperand(true),
        JsonValueKind.False => new LiteralOperand(false),
        JsonValueKind.Object when node.TryGetProperty("property", out var p) => FilterTerms.Property(Text(p)),
        JsonValueKind.Object when node.TryGetProperty("date", out var d) => new LiteralOperand(FilterTerms.ParseDate(Text(d))),
        JsonValueKind.Object when node.TryGetProperty("timestamp", out var t) => new LiteralOperand(FilterTerms.ParseTimestamp(Text(t))),
        JsonValueKind.Object when node.TryGetProperty("op", out var function) && function.ValueKind == JsonValueKind.String =>
            throw FilterTerms.NotSupported(Text(function)),
        _ => throw FilterTerms.Invalid($"Unsupported operand {Abridged(node)}."),
    };

    /// <summary>A property name (string) or a geometry literal: GeoJSON geometry or {"bbox": [...]}.</summary>
    private static object Spatial(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object) throw FilterTerms.Invalid($"Unsupported spatial operand {Abridged(node)}.");
        if (node.TryGetProperty("property", out var p)) return Text(p);
        if (node.TryGetProperty("bbox", out var b) && b.ValueKind == JsonValueKind.Array)
        {
            if (b.GetArrayLength() is not (4 or 6)) throw FilterTerms.Invalid("A bbox holds 4 (or 6) numbers.");
            var n = b.EnumerateArray()
                .Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var x) && double.IsFinite(x)
                    ? x : throw FilterTerms.Invalid("A bbox holds finite numbers."))
                .ToArray();
            var (minX, minY, maxX, maxY) = n.Length == 4 ? (n[0], n[1], n[2], n[3]) : (n[0], n[1], n[3], n[4]);
            if (minX > maxX || minY > maxY) throw FilterTerms.Invalid("The bbox minimum is greater than its maximum.");
            return new GeometryFactory().ToGeometry(new Envelope(minX, maxX, minY, maxY));
        }
        try
        {
            return node.Deserialize<Geometry>(GeometryJson.Options) ?? throw FilterTerms.Invalid("Empty geometry.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw FilterTerms.Invalid($"Invalid GeoJSON geometry: {e.Message}");
        }
    }

    private static TemporalTerm Temporal(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("property", out var p)) return FilterTerms.TemporalProperty(Text(p));
            if (node.TryGetProperty("date", out var d)) return FilterTerms.Instant(FilterTerms.ParseDate(Text(d)));
            if (node.TryGetProperty("timestamp", out var t)) return FilterTerms.Instant(FilterTerms.ParseTimestamp(Text(t)));
            if (node.TryGetProperty("interval", out var i) && i.ValueKind == JsonValueKind.Array && i.GetArrayLength() == 2)
                return FilterTerms.Interval(Bound(i[0]), Bound(i[1]));
        }
        throw FilterTerms.Invalid($"Unsupported temporal operand {Abridged(node)}.");
    }

    private static IntervalBound Bound(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.String when StringOf(node) == ".." => new IntervalBound(null, null),
        JsonValueKind.String => new IntervalBound(null, FilterTerms.ParseDay(Text(node))),
        JsonValueKind.Object when node.TryGetProperty("property", out var p) => new IntervalBound(Text(p), null),
        JsonValueKind.Object when node.TryGetProperty("date", out var d) => new IntervalBound(null, FilterTerms.ParseDate(Text(d))),
        JsonValueKind.Object when node.TryGetProperty("timestamp", out var t) => new IntervalBound(null, FilterTerms.ParseTimestamp(Text(t))),
        _ => throw FilterTerms.Invalid($"Unsupported interval bound {Abridged(node)}."),
    };

    /// <summary>The deepest nesting of objects and arrays in JSON text (strings skipped), in one pass.</summary>
    private static int Depth(string json)
    {
        var (depth, deepest, inString) = (0, 0, false);
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c is '{' or '[') deepest = Math.Max(deepest, ++depth);
            else if (c is '}' or ']') depth--;
        }
        return deepest;
    }

    /// <summary>A member that must be a JSON string ("property", "date", "op"...), as storable text.</summary>
    private static string Text(JsonElement node) => node.ValueKind == JsonValueKind.String
        ? (string)FilterTerms.Text(StringOf(node)).Value
        : throw FilterTerms.Invalid($"Expected a string, got {Abridged(node)}.");

    /// <summary>A JSON string's value; an escaped unpaired surrogate ("\ud800") makes the reader throw, which is bad input.</summary>
    private static string StringOf(JsonElement node)
    {
        try
        {
            return node.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw FilterTerms.Invalid("A text value cannot be used. It contains an unpaired UTF-16 surrogate.");
        }
    }

    /// <summary>A node's JSON for an error message, cut short: a refused operand may be megabytes long.</summary>
    private static string Abridged(JsonElement node)
    {
        var raw = node.GetRawText();
        return raw.Length <= 200 ? raw : raw[..200] + "…";
    }

    private static List<JsonElement> Exactly(int count, List<JsonElement> args, string op) =>
        args.Count == count ? args : throw FilterTerms.Invalid($"Operator '{op}' takes {count} argument(s), got {args.Count}.");

    private static List<JsonElement> AtLeast(int count, List<JsonElement> args, string op) =>
        args.Count >= count ? args : throw FilterTerms.Invalid($"Operator '{op}' takes at least {count} arguments, got {args.Count}.");
}
