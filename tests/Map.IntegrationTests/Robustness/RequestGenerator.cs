using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Map.IntegrationTests.Robustness;

/// <summary>One generated request: what to send, and whether the generator built it to be legal (then it must be a 200).</summary>
public sealed record GeneratedRequest(HttpMethod Method, string PathAndQuery, bool Legal);

/// <summary>
/// Random requests over the items parameters (and the other resources' paths): legal ones built from the parameters'
/// grammar, and broken ones made by mutating a legal one — a value replaced by something nasty, a parameter
/// unknown or repeated, a filter changed character by character, nested 30,000 deep or given JSON of the wrong types,
/// a forged cursor.
/// </summary>
public sealed class RequestGenerator(Random random)
{
    private static readonly string[] Crs =
    [
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84", "http://www.opengis.net/def/crs/EPSG/0/4326", "http://www.opengis.net/def/crs/EPSG/0/3857",
        "http://www.opengis.net/def/crs/EPSG/0/32637", "EPSG:32638", "[EPSG:4326]", "OGC:CRS84",
    ];

    private static readonly string[] Queryables =
        ["id", "name", "nameAr", "actor", "kind", "validFrom", "validTo", "datePrecision", "confidence", "approximate", "accuracyMeters", "predecessor"];

    private readonly Cql2Generator filters = new(random);

    public GeneratedRequest Next()
    {
        var kind = random.Next(100);
        if (kind < 8) return Other();
        var parameters = LegalItemsParameters();
        var legal = true;
        if (kind >= 40)
        {
            legal = false;
            for (var i = random.Next(1, 3); i > 0; i--) Break(parameters);
        }
        var collection = legal || random.Next(10) > 0 ? Pick(["bases", "zones"]) : Pick(["nope", "..%2F..", new string('x', 300), "b%C3%A4ses", "%20"]);
        var method = random.Next(20) == 0 ? HttpMethod.Head : HttpMethod.Get;
        return new(method, $"/collections/{collection}/items" + Query(parameters), legal);
    }

    private List<(string Name, string Value)> LegalItemsParameters()
    {
        var p = new List<(string, string)>();
        if (Chance(30)) p.AddRange(Bbox());
        if (Chance(30)) p.Add(("datetime", Datetime()));
        if (Chance(30)) p.Add(("limit", random.Next(1, 10_001).ToString(CultureInfo.InvariantCulture)));
        if (Chance(10)) p.Add(("offset", random.Next(0, 20).ToString(CultureInfo.InvariantCulture)));
        if (Chance(20)) p.Add(("crs", Pick(Crs)));
        if (Chance(20)) p.Add(("sortby", string.Join(',', Sample(Queryables).Select(q => Pick(["", "+", "-"]) + q))));
        if (Chance(20)) p.Add(("properties", string.Join(',', Sample(Queryables))));
        if (Chance(50))
        {
            var filter = filters.Next();
            if (Chance(50))
            {
                p.Add(("filter", filter.Text));
                if (Chance(50)) p.Add(("filter-lang", Pick(["cql2-text", "cql-text"])));
            }
            else
            {
                p.Add(("filter", filter.Json.ToJsonString()));
                p.Add(("filter-lang", Pick(["cql2-json", "cql-json"])));
            }
            if (Chance(20)) p.Add(("filter-crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"));
        }
        if (Chance(15)) p.Add(("actor", string.Join(',', Sample(["alpha", "beta", "nobody"]))));
        if (Chance(10)) p.Add(("approximate", Pick(["true", "false", "1", "0"])));
        if (Chance(10)) p.Add(("confidence", Pick(["0.8", "1", "0", ".5"])));
        if (Chance(10)) p.Add((Pick(["name", "nameAr", "kind", "datePrecision", "predecessor"]), Pick(["always", "base", "day", "x", "قوة"])));
        if (Chance(10)) p.Add(("f", Pick(["json", "html", "geojson"])));
        return p;
    }

    private IEnumerable<(string, string)> Bbox()
    {
        switch (random.Next(4))
        {
            case 0:
                yield return ("bbox", Box(35, 32, 42, 37.5));
                break;
            case 1:
                yield return ("bbox", Box(32, 35, 37.5, 42));
                yield return ("bbox-crs", "http://www.opengis.net/def/crs/EPSG/0/4326");
                break;
            case 2:
                yield return ("bbox", Box(3_900_000, 3_800_000, 4_700_000, 4_500_000));
                yield return ("bbox-crs", "http://www.opengis.net/def/crs/EPSG/0/3857");
                break;
            default:
                yield return ("bbox", Box(200_000, 3_600_000, 800_000, 4_200_000));
                yield return ("bbox-crs", "EPSG:32637");
                break;
        }
    }

    /// <summary>minX,minY,maxX,maxY inside the given range, minimum first.</summary>
    private string Box(double x0, double y0, double x1, double y1)
    {
        var (a, b) = Ordered(x0 + random.NextDouble() * (x1 - x0), x0 + random.NextDouble() * (x1 - x0));
        var (c, d) = Ordered(y0 + random.NextDouble() * (y1 - y0), y0 + random.NextDouble() * (y1 - y0));
        return string.Join(',', new[] { a, c, b, d }.Select(v => Math.Round(v, 5).ToString("R", CultureInfo.InvariantCulture)));
        static (double, double) Ordered(double p, double q) => p <= q ? (p, q) : (q, p);
    }

    private string Datetime()
    {
        var start = new DateOnly(1995, 1, 1).AddDays(random.Next(11_000));
        var end = start.AddDays(random.Next(3_000));
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return random.Next(7) switch
        {
            0 => Day(start),
            1 => Day(start) + "T10:00:00Z",
            2 => $"{Day(start)}/{Day(end)}",
            3 => $"{Day(start)}/..",
            4 => $"../{Day(end)}",
            5 => $"{Day(start)}T/..",                      // what GDAL sends for validFrom >= date
            _ => $"{Day(start)}T00:00:00Z/{Day(end)}T",
        };
    }

    /// <summary>Breaks the request in one way.</summary>
    private void Break(List<(string Name, string Value)> p)
    {
        var nasty = Cql2Generator.Mutations.Nasty;
        switch (random.Next(12))
        {
            case 0 when p.Count > 0:
                var i = random.Next(p.Count);
                p[i] = (p[i].Name, nasty[random.Next(nasty.Length)]);
                break;
            case 1:
                p.Add((Pick(["bbox", "datetime", "limit", "offset", "crs", "bbox-crs", "sortby", "properties", "filter-lang", "filter-crs",
                    "approximate", "confidence", "actor", "f", "cursor", "filter"]), nasty[random.Next(nasty.Length)]));
                break;
            case 2:
                string[] numbers = [.. nasty, "1", "-200", "1e300"];
                p.Add(("bbox", string.Join(',', Enumerable.Range(0, Pick([3, 4, 5, 6, 7, 5000])).Select(_ => Pick(numbers)))));
                break;
            case 3:
                p.Add(("filter", Cql2Generator.Mutations.Text(random, filters.Next().Text)));
                break;
            case 4:
                p.Add(("filter", Cql2Generator.Mutations.Json(random, filters.Next().Json)));
                p.Add(("filter-lang", "cql2-json"));
                break;
            case 5:
                var json = Chance(50);
                p.Add(("filter", Cql2Generator.Mutations.Nested(random, json)));
                if (json) p.Add(("filter-lang", "cql2-json"));
                break;
            case 6:
                p.Add(("cursor", Cursor()));
                if (Chance(50)) p.Add(("sortby", Pick(["-validFrom", "confidence", "name,-accuracyMeters", "approximate", "validTo,confidence"])));
                break;
            case 7:
                p.Add((Pick(["BBOX", "Limit", "bogus", "filter_lang", "", "f[]", "%00", "properties "]), "1"));
                break;
            case 8 when p.Count > 0:
                p.Add(p[random.Next(p.Count)]);
                break;
            case 9:
                p.Add(("datetime", Pick(["2020-02-30", "2020-01-01/2019-01-01", "../..", "0000-01-01", "9999-12-31T23:59:59-14:00", "2020-01-01T25:00",
                    "2020-01-01TT", "/", "2020/01/01", "2020-01-01/2020-02-01/2020-03-01", "P1D"])));
                break;
            case 10:
                p.Add(("limit", Pick(["0", "-1", "99999999999999999999", "1.5", "1e3", " 1", "٣"])));
                break;
            default:
                p.Add(("filter", "name = " + new string('\'', random.Next(1, 4)) + new string('x', random.Next(0, 20_000))));
                break;
        }
    }

    /// <summary>A cursor as the server writes them (base64url JSON {"K": keys, "P": previous}), with keys of every kind.</summary>
    private string Cursor()
    {
        if (Chance(15)) return Pick(["", "x", "!!!", "eyJ", new string('A', 5000), "e30"]);
        string?[] values = ["1e400", "1e-400", "-1e400", "x", "", "0.5", "Infinity", "NaN", "2020-01-01", "infinity", "2020-13-45", "\u0000", "\ud800", "42",
            "2147483648", "true", "maybe", null, "always"];
        var keys = Enumerable.Range(0, random.Next(0, 4)).Select(_ => values[random.Next(values.Length)]).ToArray();
        var payload = Chance(10)
            ? Pick(["{}", "[]", "{\"K\":1}", "{\"K\":[1,2],\"P\":\"x\"}", "{\"K\":[[]]}", "null", "{\"K\":null,\"P\":null}",
                """{"K":["\ud800","x"],"P":false}""", """{"K":["1e400","x"],"P":false}""", """{"K":["1e-400","x"],"P":true}"""])
            : JsonSerializer.Serialize(new { K = keys, P = Chance(50) });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// A request to another resource, with legal or random parameters. (No %00 in paths: the server's URL decoder
    /// refuses those before the app sees them, and the in-memory test client throws on them.)
    /// </summary>
    private GeneratedRequest Other()
    {
        var path = Pick(["/", "/conformance", "/collections", "/collections/bases", "/collections/zones/queryables", "/collections/bases/items/always",
            "/collections/bases/items/strip", "/collections/bases/items/%25", "/collections/bases/items/" + new string('z', 500), "/api", "/regions",
            "/actors", "/client-config", "/collections/%F0%9F%99%82/items/x"]);
        var legal = !path.Contains('%', StringComparison.Ordinal) && !path.EndsWith('z') && !path.EndsWith("strip", StringComparison.Ordinal);
        var parameters = new List<(string, string)>();
        if (path.Contains("/items/", StringComparison.Ordinal) && Chance(50)) parameters.Add(("crs", Pick(Crs)));
        if (path.Contains("/items/", StringComparison.Ordinal) && Chance(30)) parameters.Add(("properties", string.Join(',', Sample(Queryables))));
        if (path != "/" && Chance(30)) parameters.Add(("f", Pick(["json", "html"])));
        if (Chance(40))
        {
            legal = false;
            parameters.Add((Pick(["f", "crs", "properties", "bogus", "limit"]), Pick(Cql2Generator.Mutations.Nasty)));
        }
        return new(random.Next(20) == 0 ? HttpMethod.Head : HttpMethod.Get, path + Query(parameters), legal);
    }

    private static string Query(List<(string Name, string Value)> parameters) =>
        parameters.Count == 0 ? "" : "?" + string.Join('&', parameters.Select(p => Escape(p.Name) + "=" + Escape(p.Value)));

    /// <summary>Percent-encoding as UTF-8 (an unpaired surrogate goes out as U+FFFD, as it would on the wire).</summary>
    private static string Escape(string text) => Uri.EscapeDataString(text);

    private bool Chance(int percent) => random.Next(100) < percent;
    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
    private List<string> Sample(string[] items) => items.Where(_ => Chance(30)).DefaultIfEmpty(items[random.Next(items.Length)]).ToList();
}
