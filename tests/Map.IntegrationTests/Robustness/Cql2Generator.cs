using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Map.IntegrationTests.Robustness;

/// <summary>
/// Random CQL2 filters from the grammar the server implements, each written both as CQL2 text and as CQL2 JSON.
/// Everything it builds is legal: properties are queryables, literals have the property's type, intervals run
/// forwards, geometries are valid and lie in CRS84. Illegal filters come from <see cref="Mutations"/>.
/// </summary>
public sealed class Cql2Generator(Random random)
{
    /// <summary>A filter as both encodings.</summary>
    public sealed record Filter(string Text, JsonNode Json);

    private static readonly string[] Texts = ["id", "name", "nameAr", "actor", "kind", "datePrecision", "predecessor"];
    private static readonly string[] Dates = ["validFrom", "validTo"];
    private static readonly string[] Words =
        ["always", "Ended base", "alpha", "beta", "base", "day", "قوة ألفا", "O'Brien", "50%", "a_b", "x", "", "ﻻ", "🙂", "back\\slash\\\\"];

    public Filter Next(int depth = 0)
    {
        var choice = random.Next(depth >= 4 ? 8 : 11);
        return choice switch
        {
            0 or 1 => Comparison(),
            2 => Like(),
            3 => Between(),
            4 => In(),
            5 => IsNull(),
            6 => Spatial(),
            7 => Temporal(),
            8 => Not(Next(depth + 1)),
            _ => Logical(random.Next(2) == 0 ? "AND" : "OR", Enumerable.Range(0, random.Next(2, 4)).Select(_ => Next(depth + 1)).ToList()),
        };
    }

    private Filter Comparison()
    {
        string[] operators = ["=", "<>", "<", "<=", ">", ">="];
        var op = operators[random.Next(operators.Length)];
        switch (random.Next(5))
        {
            case 0:
                {
                    var (property, text) = (Pick(Texts), Pick(Words));
                    return Binary(op, property, Quote(text), text);
                }
            case 1:
                {
                    var (day, json) = Date();
                    return Binary(op, Pick(Dates), day, json);
                }
            case 2:
                {
                    var number = Math.Round(random.NextDouble() * 2 - 0.5, 3);
                    return Binary(op, "confidence", Number(number), JsonValue.Create(number));
                }
            case 3:
                {
                    var metres = random.Next(-10, 100_000);
                    return Binary(op, "accuracyMeters", metres.ToString(CultureInfo.InvariantCulture), JsonValue.Create(metres));
                }
            default:
                {
                    // Booleans: only = and <>; GDAL writes them as 1 and 0.
                    var eq = random.Next(2) == 0 ? "=" : "<>";
                    return random.Next(3) switch
                    {
                        0 => Binary(eq, "approximate", "TRUE", JsonValue.Create(true)),
                        1 => Binary(eq, "approximate", "false", JsonValue.Create(false)),
                        _ => random.Next(2) == 0 ? Binary(eq, "approximate", "1", JsonValue.Create(1)) : Binary(eq, "approximate", "0", JsonValue.Create(0)),
                    };
                }
        }
    }

    private Filter Like()
    {
        var pattern = Pick(["%", "a%", "%base%", "_lways", "Ended%", "100\\%", "%\\_%", "قوة%", "%'%"]);
        var property = Pick(Texts);
        var not = random.Next(4) == 0;
        var text = $"{property} {(not ? "NOT " : "")}LIKE {Quote(pattern)}";
        JsonNode json = Op("like", Property(property), JsonValue.Create(pattern));
        return new(text, not ? Op("not", json) : json);
    }

    private Filter Between()
    {
        if (random.Next(2) == 0)
        {
            var low = Math.Round(random.NextDouble(), 2);
            var high = Math.Round(low + random.NextDouble(), 2);
            return new($"confidence BETWEEN {Number(low)} AND {Number(high)}",
                Op("between", Property("confidence"), JsonValue.Create(low), JsonValue.Create(high)));
        }
        var (from, fromJson) = Date();
        var (to, toJson) = Date();
        return new($"validFrom BETWEEN {from} AND {to}", Op("between", Property("validFrom"), fromJson, toJson));
    }

    private Filter In()
    {
        var property = Pick(Texts);
        var values = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Pick(Words)).ToList();
        var not = random.Next(4) == 0;
        JsonNode json = Op("in", Property(property), new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]));
        return new($"{property} {(not ? "NOT " : "")}IN ({string.Join(", ", values.Select(Quote))})", not ? Op("not", json) : json);
    }

    private Filter IsNull()
    {
        var property = Pick(["validTo", "nameAr", "actor", "accuracyMeters", "predecessor", "name"]);
        var not = random.Next(2) == 0;
        JsonNode json = Op("isNull", Property(property));
        return new($"{property} IS {(not ? "NOT " : "")}NULL", not ? Op("not", json) : json);
    }

    private Filter Spatial()
    {
        var minX = Math.Round(35 + random.NextDouble() * 6, 4);
        var minY = Math.Round(32 + random.NextDouble() * 5, 4);
        // At least 0.01° across, so that the triangle below is never degenerate (and so invalid).
        var (maxX, maxY) = (Math.Round(minX + 0.01 + random.NextDouble() * 4, 4), Math.Round(minY + 0.01 + random.NextDouble() * 3, 4));
        var (text, json) = random.Next(3) switch
        {
            0 => ($"BBOX({Number(minX)}, {Number(minY)}, {Number(maxX)}, {Number(maxY)})",
                (JsonNode)new JsonObject { ["bbox"] = new JsonArray(minX, minY, maxX, maxY) }),
            1 => ($"POINT({Number(minX)} {Number(minY)})", new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(minX, minY) }),
            _ => ($"POLYGON(({Number(minX)} {Number(minY)}, {Number(maxX)} {Number(minY)}, {Number(maxX)} {Number(maxY)}, {Number(minX)} {Number(minY)}))",
                new JsonObject
                {
                    ["type"] = "Polygon",
                    ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(minX, minY), new JsonArray(maxX, minY), new JsonArray(maxX, maxY),
                        new JsonArray(minX, minY))),
                }),
        };
        return random.Next(2) == 0
            ? new($"S_INTERSECTS(geometry, {text})", Op("s_intersects", Property("geometry"), json))
            : new($"s_intersects({text}, geometry)", Op("s_intersects", json, Property("geometry")));
    }

    private Filter Temporal()
    {
        var (feature, featureJson) = random.Next(3) switch
        {
            0 => ("validFrom", Property("validFrom")),
            1 => ("validTo", Property("validTo")),
            _ => ("INTERVAL(validFrom, validTo)", (JsonNode)new JsonObject { ["interval"] = new JsonArray(Property("validFrom"), Property("validTo")) }),
        };
        var start = new DateOnly(1990, 1, 1).AddDays(random.Next(13_000));
        var end = start.AddDays(random.Next(4_000));
        var (literal, literalJson) = random.Next(4) switch
        {
            0 => ($"DATE('{Iso(start)}')", (JsonNode)new JsonObject { ["date"] = Iso(start) }),
            1 => ($"TIMESTAMP('{Iso(start)}T12:30:00Z')", new JsonObject { ["timestamp"] = Iso(start) + "T12:30:00Z" }),
            2 => ($"INTERVAL('{Iso(start)}', '..')", new JsonObject { ["interval"] = new JsonArray(Iso(start), "..") }),
            _ => ($"INTERVAL('{Iso(start)}', '{Iso(end)}')", new JsonObject { ["interval"] = new JsonArray(Iso(start), Iso(end)) }),
        };
        return new($"T_INTERSECTS({feature}, {literal})", Op("t_intersects", featureJson, literalJson));
    }

    private static Filter Not(Filter inner) => new($"NOT ({inner.Text})", Op("not", inner.Json));

    private static Filter Logical(string op, List<Filter> operands) =>
        new(string.Join($" {op} ", operands.Select(o => $"({o.Text})")), Op(op.ToLowerInvariant(), [.. operands.Select(o => o.Json)]));

    private static Filter Binary(string op, string property, string literal, JsonNode? json) =>
        new($"{property} {op} {literal}", Op(op, Property(property), json));

    /// <summary>A date as a DATE() literal or as text (in GDAL's 'YYYY-MM-DDT' form too), and its JSON.</summary>
    private (string Text, JsonNode Json) Date()
    {
        var day = Iso(new DateOnly(1990, 1, 1).AddDays(random.Next(13_000)));
        return random.Next(3) switch
        {
            0 => ($"DATE('{day}')", new JsonObject { ["date"] = day }),
            1 => ($"'{day}'", JsonValue.Create(day)),
            _ => ($"'{day}T'", new JsonObject { ["date"] = day }),
        };
    }

    private static JsonObject Op(string op, params JsonNode?[] args) => new() { ["op"] = op, ["args"] = new JsonArray(args) };
    private static JsonObject Property(string name) => new() { ["property"] = name };
    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    /// <summary>Ways to break a filter: characters, nesting, JSON types and values, and functions not implemented.</summary>
    public static class Mutations
    {
        public static readonly string[] Nasty =
        [
            "", " ", "(", ")", "'", "''", "\"", "\\", "%", "_", ",", "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "1e308",
            "\0", "\u0000x", "\ud800", "\udc00x", "\u202e", "ﷺ", "🙂", "null", "true", "[]", "{}", "AND", "OR", "NOT", "IS", "NULL",
            "LIKE", "BETWEEN", "IN", "DATE(", "TIMESTAMP('", "INTERVAL(", "S_INTERSECTS(", "T_INTERSECTS(", "BBOX(", "POINT(",
            "POLYGON((", "GEOMETRYCOLLECTION(", "T_BEFORE(", "S_WITHIN(", "CASEI(", "ACCENTI(", "A_CONTAINS(", "ILIKE", "geometry",
            "9999999999999999999999999", "-0", "0x10", "1,2,3", "'..'", "..", "/", ";", "--", "/*", "DROP TABLE features",
        ];

        /// <summary>One character-level change of a CQL2 text: delete, insert, replace or repeat a span.</summary>
        public static string Text(Random random, string text)
        {
            var at = random.Next(text.Length + 1);
            var length = Math.Min(random.Next(1, 6), text.Length - at);
            var insert = Nasty[random.Next(Nasty.Length)];
            return random.Next(4) switch
            {
                0 => text.Remove(at, length),
                1 => text.Insert(at, insert),
                2 => text.Remove(at, length).Insert(at, insert),
                _ => text.Insert(at, text.Substring(at, length)),
            };
        }

        /// <summary>Parentheses (text) or nested NOTs (JSON) to a random depth around the limit, up to 30,000 levels.</summary>
        public static string Nested(Random random, bool json)
        {
            var depth = random.Next(4) switch
            {
                0 => random.Next(60, 70),
                1 => random.Next(2_000, 30_000),
                _ => random.Next(70, 2_000),
            };
            if (!json) return new StringBuilder().Append('(', depth).Append("name = 'x'").Append(')', depth).ToString();
            var builder = new StringBuilder();
            for (var i = 0; i < depth; i++) builder.Append("{\"op\":\"not\",\"args\":[");
            builder.Append("{\"op\":\"=\",\"args\":[{\"property\":\"name\"},\"x\"]}");
            for (var i = 0; i < depth; i++) builder.Append("]}");
            return builder.ToString();
        }

        /// <summary>A random node of the JSON replaced by a value of another type, out of range, or unstorable.</summary>
        public static string Json(Random random, JsonNode filter)
        {
            var copy = filter.DeepClone();
            var nodes = new List<JsonNode>();
            void Collect(JsonNode? node)
            {
                if (node is null) return;
                nodes.Add(node);
                if (node is JsonObject o) foreach (var (_, value) in o) Collect(value);
                if (node is JsonArray a) foreach (var item in a) Collect(item);
            }
            Collect(copy);
            var target = nodes[random.Next(nodes.Count)];
            var replacement = Replacement(random);
            var text = target.Parent switch
            {
                null => replacement?.ToJsonString() ?? "null",
                JsonObject parent => Replace(parent, target, replacement),
                JsonArray parent => Replace(parent, target, replacement),
                _ => copy.ToJsonString(),
            };
            // A few raw JSON values that JsonNode cannot hold: numbers out of double's range, escaped unpaired surrogates.
            return random.Next(10) switch
            {
                0 => text.Replace("0.", "1e400", StringComparison.Ordinal),
                1 => text.Replace("\"property\":\"name\"", "\"property\":\"\\ud800\"", StringComparison.Ordinal)
                    .Replace("\"a%\"", "\"a\\udc00%\"", StringComparison.Ordinal),
                _ => text,
            };

            string Replace(JsonNode parent, JsonNode child, JsonNode? with)
            {
                if (parent is JsonObject o) o[o.First(p => ReferenceEquals(p.Value, child)).Key] = with;
                else if (parent is JsonArray a) a[a.IndexOf(child)] = with;
                return copy.ToJsonString();
            }
        }

        private static JsonNode? Replacement(Random random) => random.Next(24) switch
        {
            0 => JsonValue.Create(1),
            1 => JsonValue.Create(-1.5),
            2 => JsonValue.Create("\u0000"),
            3 => JsonValue.Create("\ud800"),
            4 => JsonValue.Create(""),
            5 => JsonValue.Create(true),
            6 => null,
            7 => new JsonArray(),
            8 => new JsonObject(),
            9 => new JsonObject { ["property"] = 1 },
            10 => new JsonObject { ["property"] = "nope" },
            11 => new JsonObject { ["property"] = "geometry" },
            12 => new JsonObject { ["date"] = 20200101 },
            13 => new JsonObject { ["timestamp"] = "yesterday" },
            14 => new JsonObject { ["bbox"] = new JsonArray(1, 2, 3) },
            15 => new JsonObject { ["bbox"] = new JsonArray(0, 0, 1e300, 1) },
            16 => new JsonObject { ["interval"] = new JsonArray("2020-01-01") },
            17 => Function("t_before", new JsonObject { ["property"] = "validFrom" }, new JsonObject { ["date"] = "2020-01-01" }),
            18 => Function("casei", new JsonObject { ["property"] = "name" }),
            19 => Geometry("Polygon", new JsonArray(new JsonArray(Point(0, 0), Point(1, 1), Point(1, 0), Point(0, 1), Point(0, 0)))),
            20 => Geometry("Point", new JsonArray(1)),
            21 => Geometry("Point", Point(500, 500)),
            22 => new JsonObject { ["type"] = "GeometryCollection", ["geometries"] = new JsonArray() },
            _ => new JsonArray([.. Enumerable.Range(0, 3000).Select(i => (JsonNode)JsonValue.Create("v" + i))]),
        };

        private static JsonObject Function(string op, params JsonNode[] args) => new() { ["op"] = op, ["args"] = new JsonArray(args) };
        private static JsonObject Geometry(string type, JsonArray coordinates) => new() { ["type"] = type, ["coordinates"] = coordinates };
        private static JsonArray Point(double x, double y) => new(x, y);
    }
}
