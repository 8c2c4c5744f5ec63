using System.Text.Json;
using Map.Data.Queries;
using Map.Web.GeoJson;
using NetTopologySuite.Geometries;

namespace Map.Web.Filtering;

/// <summary>
/// CQL2 JSON (OGC 21-065r2): {"op": ..., "args": [...]}, {"property": ...}, {"date"|"timestamp"|"interval": ...},
/// {"bbox": [...]} and GeoJSON geometries. Builds the same checked tree as <see cref="Cql2TextParser"/>.
/// </summary>
public sealed class Cql2JsonParser(FilterTerms terms)
{
    public static FilterExpression Parse(string json, FilterTerms terms)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
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
        var op = opNode.GetString()!.ToLowerInvariant();
        var args = node.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().ToList()
            : throw FilterTerms.Invalid($"Operator '{op}' needs an \"args\" array.");
        return op switch
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
            "t_intersects" => FilterTerms.TemporalIntersects(Temporal(Exactly(2, args, op)[0]), Temporal(args[1])),
            _ => throw FilterTerms.Invalid($"Unsupported operator '{op}'."),
        };
    }

    private static FilterExpression Compare(ComparisonOperator op, List<JsonElement> args, string name) =>
        FilterTerms.Comparison(op, Scalar(Exactly(2, args, name)[0]), Scalar(args[1]));

    private static ScalarOperand Scalar(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.String => new LiteralOperand(node.GetString()!),
        JsonValueKind.Number => new LiteralOperand(node.GetDouble()),
        JsonValueKind.True => new LiteralOperand(true),
        JsonValueKind.False => new LiteralOperand(false),
        JsonValueKind.Object when node.TryGetProperty("property", out var p) => FilterTerms.Property(p.GetString() ?? ""),
        JsonValueKind.Object when node.TryGetProperty("date", out var d) => new LiteralOperand(FilterTerms.ParseDate(d.GetString() ?? "")),
        JsonValueKind.Object when node.TryGetProperty("timestamp", out var t) => new LiteralOperand(FilterTerms.ParseTimestamp(t.GetString() ?? "")),
        _ => throw FilterTerms.Invalid($"Unsupported operand {node.GetRawText()}."),
    };

    /// <summary>A property name (string) or a geometry literal: GeoJSON geometry or {"bbox": [...]}.</summary>
    private static object Spatial(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object) throw FilterTerms.Invalid($"Unsupported spatial operand {node.GetRawText()}.");
        if (node.TryGetProperty("property", out var p)) return p.GetString() ?? "";
        if (node.TryGetProperty("bbox", out var b) && b.ValueKind == JsonValueKind.Array)
        {
            var n = b.EnumerateArray()
                .Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw FilterTerms.Invalid("A bbox holds numbers."))
                .ToArray();
            if (n.Length is not (4 or 6)) throw FilterTerms.Invalid("A bbox holds 4 (or 6) numbers.");
            var (minX, minY, maxX, maxY) = n.Length == 4 ? (n[0], n[1], n[2], n[3]) : (n[0], n[1], n[3], n[4]);
            if (minX > maxX || minY > maxY) throw FilterTerms.Invalid("The bbox minimum is greater than its maximum.");
            return new GeometryFactory().ToGeometry(new Envelope(minX, maxX, minY, maxY));
        }
        try
        {
            return node.Deserialize<Geometry>(GeometryJson.Options) ?? throw FilterTerms.Invalid("Empty geometry.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw FilterTerms.Invalid($"Invalid GeoJSON geometry: {e.Message}");
        }
    }

    private static TemporalTerm Temporal(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("property", out var p)) return FilterTerms.TemporalProperty(p.GetString() ?? "");
            if (node.TryGetProperty("date", out var d)) return FilterTerms.Instant(FilterTerms.ParseDate(d.GetString() ?? ""));
            if (node.TryGetProperty("timestamp", out var t)) return FilterTerms.Instant(FilterTerms.ParseTimestamp(t.GetString() ?? ""));
            if (node.TryGetProperty("interval", out var i) && i.ValueKind == JsonValueKind.Array && i.GetArrayLength() == 2)
                return FilterTerms.Interval(Bound(i[0]), Bound(i[1]));
        }
        throw FilterTerms.Invalid($"Unsupported temporal operand {node.GetRawText()}.");
    }

    private static IntervalBound Bound(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.String when node.GetString() == ".." => new IntervalBound(null, null),
        JsonValueKind.String when node.GetString()!.Contains('T', StringComparison.OrdinalIgnoreCase) =>
            new IntervalBound(null, FilterTerms.ParseTimestamp(node.GetString()!)),
        JsonValueKind.String => new IntervalBound(null, FilterTerms.ParseDate(node.GetString()!)),
        JsonValueKind.Object when node.TryGetProperty("property", out var p) => new IntervalBound(p.GetString(), null),
        JsonValueKind.Object when node.TryGetProperty("date", out var d) => new IntervalBound(null, FilterTerms.ParseDate(d.GetString() ?? "")),
        JsonValueKind.Object when node.TryGetProperty("timestamp", out var t) => new IntervalBound(null, FilterTerms.ParseTimestamp(t.GetString() ?? "")),
        _ => throw FilterTerms.Invalid($"Unsupported interval bound {node.GetRawText()}."),
    };

    private static List<JsonElement> Exactly(int count, List<JsonElement> args, string op) =>
        args.Count == count ? args : throw FilterTerms.Invalid($"Operator '{op}' takes {count} argument(s), got {args.Count}.");

    private static List<JsonElement> AtLeast(int count, List<JsonElement> args, string op) =>
        args.Count >= count ? args : throw FilterTerms.Invalid($"Operator '{op}' takes at least {count} arguments, got {args.Count}.");
}
