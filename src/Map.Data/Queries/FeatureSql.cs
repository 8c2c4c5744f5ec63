using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace Map.Data.Queries;

/// <summary>
/// All SQL of the items API, in one place. Values always travel as parameters; identifiers come only from
/// <see cref="Queryables"/> and <see cref="SpatialReference"/> (code, not requests). Each feature's GeoJSON text is
/// built by PostgreSQL (ST_AsGeoJSON, json_build_object) so the server only copies bytes to the response.
/// </summary>
public static class FeatureSql
{
    /// <summary>Model properties in the order the API has always written them; free-form properties follow.</summary>
    private static readonly (string Name, string Column)[] OutputProperties =
    [
        ("layer", "f.layer_id"), ("name", "f.name"), ("nameAr", "f.name_ar"), ("actor", "f.actor_id"), ("kind", "f.kind"),
        ("validFrom", "f.valid_from"), ("validTo", "f.valid_to"), ("datePrecision", "lower(f.date_precision)"),
        ("confidence", "f.confidence"), ("approximate", "f.approximate"), ("accuracyMeters", "f.accuracy_meters"),
        ("sources", "f.sources"), ("notes", "f.notes"), ("predecessor", "f.predecessor_id"),
        ("lastConfirmed", "f.last_confirmed"), ("parties", "f.parties"),
    ];

    /// <summary>Free-form property names that would shadow a model property are never written twice.</summary>
    private static readonly string ShadowedNames =
        "'{" + string.Join(",", OutputProperties.Select(p => p.Name)) + "}'::text[]";

    /// <summary>
    /// One page in the requested order, one row more than the limit: column 0 is the feature's GeoJSON text, then the
    /// sort keys as text. A previous page (walked backwards) has the page's row count first.
    /// </summary>
    /// <param name="withLayerStamp">Prepend the layer's stamp query, so both answers come back in one round trip.</param>
    public static NpgsqlCommand Page(ItemsQuery query, bool withLayerStamp = false)
    {
        var parameters = new SqlParameters();
        var stamp = withLayerStamp ? LayerStampSql(query.LayerId, query.IncludeUnpublished, parameters) + ";\n" : "";
        var ordering = query.Ordering;
        var keys = string.Join(", ", ordering.Select((k, i) => $"({k.Property.Column})::text AS k{i}"));
        var where = Where(query, parameters);
        var limit = parameters.Add(query.Limit + 1, NpgsqlDbType.Integer);

        if (query.Cursor is { Previous: true } cursor)
        {
            // Walk backwards from the cursor, then put the page back in order; n tells whether more lie before it.
            var typedKeys = string.Join(", ", ordering.Select((k, i) => $"{k.Property.Column} AS s{i}"));
            var sql = stamp + $"""
                SELECT count(*) OVER () AS n, json, {string.Join(", ", ordering.Select((_, i) => $"k{i}"))} FROM (
                  SELECT {FeatureJson(query.Crs, query.Properties)} AS json, {keys}, {typedKeys}
                  FROM {Source(query.RecordedAt, parameters)} WHERE {where} AND {Keyset(ordering, cursor, parameters)}
                  ORDER BY {OrderBy(ordering, reverse: true)} LIMIT {limit}) page
                ORDER BY {string.Join(", ", ordering.Select((k, i) => $"s{i}" + Direction(k, reverse: false)))}
                """;
            return parameters.Command(sql);
        }

        var keyset = query.Cursor is { } next ? " AND " + Keyset(ordering, next, parameters) : "";
        var offset = query.Offset > 0 ? " OFFSET " + parameters.Add(query.Offset, NpgsqlDbType.Integer) : "";
        return parameters.Command(stamp + $"""
            SELECT {FeatureJson(query.Crs, query.Properties)} AS json, {keys}
            FROM {Source(query.RecordedAt, parameters)} WHERE {where}{keyset}
            ORDER BY {OrderBy(ordering, reverse: false)} LIMIT {limit}{offset}
            """);
    }

    /// <summary>How many features match, counting no further than <paramref name="cap"/> (so it stays cheap).</summary>
    public static NpgsqlCommand CountUpTo(ItemsQuery query, int cap)
    {
        var parameters = new SqlParameters();
        var where = Where(query, parameters);
        var features = Source(query.RecordedAt, parameters);
        return parameters.Command($"SELECT count(*) FROM (SELECT 1 FROM {features} WHERE {where} LIMIT {parameters.Add(cap, NpgsqlDbType.Integer)}) matched");
    }

    /// <summary>The feature's GeoJSON text and the instant its version was recorded (its version, for ETags).</summary>
    public static NpgsqlCommand One(
        string layerId, string featureId, SpatialReference crs, IReadOnlyList<QueryableProperty>? properties, DateTimeOffset? recordedAt = null)
    {
        var parameters = new SqlParameters();
        return parameters.Command($"""
            SELECT {FeatureJson(crs, properties)}, f.recorded_at FROM {Source(recordedAt, parameters)}
            WHERE f.layer_id = {parameters.Add(layerId, NpgsqlDbType.Varchar)}
              AND f.id = {parameters.Add(featureId, NpgsqlDbType.Varchar)}
            """);
    }

    /// <summary>Every column of a feature row, in the table's order: features and feature_history share them.</summary>
    internal const string FeatureColumns =
        "id, layer_id, actor_id, name, name_ar, kind, geometry, valid_from, valid_to, date_precision, confidence, approximate, " +
        "accuracy_meters, sources, notes, predecessor_id, properties, import_id, created_at, updated_at, last_confirmed, parties, " +
        "recorded_at, recorded_by, record_origin, record_comment";

    /// <summary>
    /// The feature rows as <c>f</c>: the current ones, or with <paramref name="recordedAt"/> the rows the database held at
    /// that instant: current versions recorded by then, and past versions whose recorded period [recorded_at,
    /// recorded_to) holds it. PostgreSQL pushes the caller's conditions (layer, bbox, time) into both branches.
    /// </summary>
    internal static string Source(DateTimeOffset? recordedAt, SqlParameters p)
    {
        if (recordedAt is not { } at) return "features f";
        var t = p.Add(at.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        return $"(SELECT {FeatureColumns} FROM features WHERE recorded_at <= {t} " +
            $"UNION ALL SELECT {FeatureColumns} FROM feature_history WHERE recorded_at <= {t} AND recorded_to > {t}) f";
    }

    /// <summary>The layer's change stamp (ETag, Last-Modified); no row means no such layer (or one this reader may not see).</summary>
    /// <summary>The layer's feature count, kept exact by statement triggers and set by the import's swap.</summary>
    public static NpgsqlCommand FeatureCount(string layerId)
    {
        var parameters = new SqlParameters();
        return parameters.Command($"SELECT feature_count FROM layers WHERE id = {parameters.Add(layerId, NpgsqlDbType.Varchar)}");
    }

    public static NpgsqlCommand LayerStamp(string layerId, bool includeUnpublished = false)
    {
        var parameters = new SqlParameters();
        return parameters.Command(LayerStampSql(layerId, includeUnpublished, parameters));
    }

    /// <summary>Every items path reads the stamp first, so an unpublished layer is "not found" here and only here.</summary>
    internal static string LayerStampSql(string layerId, bool includeUnpublished, SqlParameters parameters) =>
        $"SELECT updated_at FROM layers WHERE id = {parameters.Add(layerId, NpgsqlDbType.Varchar)}" +
        (includeUnpublished ? "" : " AND published");

    /// <summary>The GeoJSON text of the feature row <c>f</c>, in the given CRS, with all or the selected properties.</summary>
    public static string FeatureJson(SpatialReference crs, IReadOnlyList<QueryableProperty>? properties)
    {
        var geometry = crs switch
        {
            { IsStorage: true } => "f.geometry",
            { Srid: 4326, LatitudeFirst: true } => "ST_FlipCoordinates(f.geometry)",
            _ => $"ST_Transform(f.geometry, {crs.Srid.ToString(CultureInfo.InvariantCulture)})",
        };
        var json = $"ST_AsGeoJSON({geometry}, {crs.Decimals.ToString(CultureInfo.InvariantCulture)}, 0)";
        return $$"""'{"type":"Feature","id":' || to_json(f.id)::text || ',"geometry":' || {{json}}""" +
            $$""" || ',"properties":' || {{PropertiesJson(properties)}} || '}'""";
    }

    private static string PropertiesJson(IReadOnlyList<QueryableProperty>? selected)
    {
        if (selected is not null)
        {
            var chosen = selected.Where(q => q != QueryableProperties.Id).Select(q => $"'{q.Name}', {q.Column}").ToList();
            return chosen.Count == 0 ? "'{}'" : $"json_build_object({string.Join(", ", chosen)})::text";
        }
        var model = $"json_build_object({string.Join(", ", OutputProperties.Select(p => $"'{p.Name}', {p.Column}"))})::text";
        var extra = $"(f.properties - {ShadowedNames})";
        return $"(CASE WHEN f.properties = '{{}}'::jsonb OR {extra} = '{{}}'::jsonb THEN {model} " +
            $"ELSE left({model}, -1) || ', ' || substr({extra}::text, 2) END)";
    }

    private static string Where(ItemsQuery query, SqlParameters parameters)
    {
        var conditions = new List<string> { $"f.layer_id = {parameters.Add(query.LayerId, NpgsqlDbType.Varchar)}" };
        if (query.Bbox is { } box) conditions.Add($"ST_Intersects(f.geometry, {Envelope(box, query.BboxCrs, parameters)})");
        if (query.ValidTime is { } time) conditions.AddRange(ValidRangeOverlaps("f.valid_from", "f.valid_to", time, parameters));
        if (query.Filter is { } filter) conditions.Add(Translate(filter, parameters));
        return string.Join(" AND ", conditions);
    }

    /// <summary>A box in another CRS is densified before it is transformed, so its edges stay where the client drew them.</summary>
    private static string Envelope(Envelope box, SpatialReference crs, SqlParameters p)
    {
        var corners = $"{p.Add(box.MinX)}, {p.Add(box.MinY)}, {p.Add(box.MaxX)}, {p.Add(box.MaxY)}";
        if (crs.Srid == 4326) return $"ST_MakeEnvelope({corners}, 4326)";
        var step = p.Add(Math.Max(box.Width, box.Height) / 32 + 1e-9);
        return $"ST_Transform(ST_Segmentize(ST_MakeEnvelope({corners}, {crs.Srid.ToString(CultureInfo.InvariantCulture)}), {step}), 4326)";
    }

    /// <summary>The valid-time predicate of items, shared with tiles (<see cref="TileSql"/>) so both mean the same by a date.</summary>
    internal static IEnumerable<string> ValidRangeOverlaps(string from, string to, ValidTime time, SqlParameters p)
    {
        if (time.End is { } end) yield return $"{from} <= {p.Add(end, NpgsqlDbType.Date)}";
        if (time.Start is { } start) yield return $"({to} IS NULL OR {to} >= {p.Add(start, NpgsqlDbType.Date)})";
    }

    /// <summary>
    /// The ordering, or its reverse for walking back from a cursor. Nulls come last in both directions, so a nullable
    /// key says NULLS LAST where PostgreSQL's default (first when descending) would differ, and NULLS FIRST in reverse.
    /// </summary>
    private static string OrderBy(IReadOnlyList<SortTerm> ordering, bool reverse) =>
        string.Join(", ", ordering.Select(k => k.Property.Column + Direction(k, reverse)));

    private static string Direction(SortTerm key, bool reverse)
    {
        var descending = key.Descending != reverse;
        if (!key.Property.Nullable) return descending ? " DESC" : "";
        return (descending, reverse) switch
        {
            (false, false) => "",
            (true, false) => " DESC NULLS LAST",
            (true, true) => " DESC",
            (false, true) => " NULLS FIRST",
        };
    }

    /// <summary>
    /// Rows strictly after the cursor (or, for a previous page, before it) in the ordering, where nulls sort last
    /// whatever the direction. Keys that are never null in one direction make a row comparison, which PostgreSQL
    /// answers from a btree index (the default order, by id, walks the layer's primary key).
    /// </summary>
    private static string Keyset(IReadOnlyList<SortTerm> ordering, PageCursor cursor, SqlParameters p)
    {
        if (cursor.Keys.Count != ordering.Count) throw new ArgumentException("The cursor does not match the sort order.", nameof(cursor));
        var values = ordering.Select((k, i) => cursor.Keys[i] is { } key ? $"CAST({p.Add(key, NpgsqlDbType.Text)} AS {k.Property.SqlType})"
            : k.Property.Nullable ? null : throw new ArgumentException($"The cursor has no value for {k.Property.Name}.", nameof(cursor))).ToList();
        if (ordering.All(k => !k.Property.Nullable && k.Descending == ordering[0].Descending))
        {
            var op = ordering[0].Descending != cursor.Previous ? "<" : ">";
            return $"({string.Join(", ", ordering.Select(k => k.Property.Column))}) {op} ({string.Join(", ", values)})";
        }
        var alternatives = new List<string>();
        for (var i = 0; i < ordering.Count; i++)
        {
            if (Beyond(ordering[i], values[i], cursor.Previous) is not { } beyond) continue;
            alternatives.Add(string.Join(" AND ", ordering.Take(i).Select((k, j) => Same(k, values[j])).Append(beyond)));
        }
        return alternatives.Count == 0 ? "FALSE" : "(" + string.Join(" OR ", alternatives.Select(a => $"({a})")) + ")";
    }

    private static string Same(SortTerm key, string? value) =>
        value is null ? $"{key.Property.Column} IS NULL" : $"{key.Property.Column} = {value}";

    /// <summary>The key is past the cursor's value in the direction of travel; null when no row can be (nothing follows null).</summary>
    private static string? Beyond(SortTerm key, string? value, bool previous)
    {
        var column = key.Property.Column;
        var nullable = key.Property.Nullable;
        if (value is null) return previous && nullable ? $"{column} IS NOT NULL" : null;
        if (previous) return $"{column} {(key.Descending ? ">" : "<")} {value}";
        var after = $"{column} {(key.Descending ? "<" : ">")} {value}";
        return nullable ? $"({after} OR {column} IS NULL)" : after;
    }

    public static string Translate(FilterExpression expression, SqlParameters p) => expression switch
    {
        AndExpression and => "(" + string.Join(" AND ", and.Operands.Select(o => Translate(o, p))) + ")",
        OrExpression or => "(" + string.Join(" OR ", or.Operands.Select(o => Translate(o, p))) + ")",
        NotExpression not => $"(NOT {Translate(not.Operand, p)})",
        ComparisonExpression c => $"({Operand(c.Left, p)} {Comparison(c.Operator)} {Operand(c.Right, p)})",
        LikeExpression like => $"({Operand(like.Value, p)} LIKE {Operand(like.Pattern, p)})",
        BetweenExpression between => $"({Operand(between.Value, p)} BETWEEN {Operand(between.Low, p)} AND {Operand(between.High, p)})",
        InExpression @in => $"({Operand(@in.Value, p)} IN ({string.Join(", ", @in.List.Select(o => Operand(o, p)))}))",
        IsNullExpression isNull => $"({Operand(isNull.Value, p)} IS NULL)",
        SpatialIntersectsExpression s => s.Literal.SRID == 4326
            ? $"ST_Intersects(f.geometry, {p.Add(s.Literal)})"
            : $"ST_Intersects(f.geometry, ST_Transform({p.Add(s.Literal)}, 4326))",
        TemporalIntersectsExpression t => TemporalIntersects(t, p),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name),
    };

    private static string TemporalIntersects(TemporalIntersectsExpression t, SqlParameters p)
    {
        var conditions = t.Feature switch
        {
            TemporalOperand.ValidInterval => ValidRangeOverlaps("f.valid_from", "f.valid_to", t.Literal, p).ToList(),
            TemporalOperand.ValidFrom => InstantWithin("f.valid_from", t.Literal, p),
            _ => ["f.valid_to IS NOT NULL", .. InstantWithin("f.valid_to", t.Literal, p)],
        };
        return conditions.Count == 0 ? "TRUE" : "(" + string.Join(" AND ", conditions) + ")";
    }

    private static List<string> InstantWithin(string column, ValidTime time, SqlParameters p)
    {
        var conditions = new List<string>();
        if (time.Start is { } start) conditions.Add($"{column} >= {p.Add(start, NpgsqlDbType.Date)}");
        if (time.End is { } end) conditions.Add($"{column} <= {p.Add(end, NpgsqlDbType.Date)}");
        return conditions;
    }

    private static string Comparison(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "<>",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static string Operand(ScalarOperand operand, SqlParameters p) => operand switch
    {
        PropertyOperand property => property.Property.Column,
        LiteralOperand { Value: string text } => p.Add(text, NpgsqlDbType.Text),
        LiteralOperand { Value: double number } => p.Add(number, NpgsqlDbType.Double),
        LiteralOperand { Value: long integer } => p.Add(integer, NpgsqlDbType.Bigint),
        LiteralOperand { Value: bool boolean } => p.Add(boolean, NpgsqlDbType.Boolean),
        LiteralOperand { Value: DateOnly day } => p.Add(day, NpgsqlDbType.Date),
        _ => throw new ArgumentOutOfRangeException(nameof(operand), operand.ToString()),
    };
}

/// <summary>Numbered parameters (@p0, @p1...) for one command.</summary>
public sealed class SqlParameters
{
    private readonly List<NpgsqlParameter> parameters = [];

    public string Add(double value) => Add(value, NpgsqlDbType.Double);

    public string Add(Geometry geometry)
    {
        var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add(new NpgsqlParameter(name, geometry));
        return "@" + name;
    }

    public string Add(object value, NpgsqlDbType type)
    {
        var name = "p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return "@" + name;
    }

    public NpgsqlCommand Command(string sql)
    {
        var command = new NpgsqlCommand(sql);
        command.Parameters.AddRange(parameters.ToArray());
        return command;
    }

    public override string ToString() => new StringBuilder().AppendJoin(", ", parameters.Select(p => $"@{p.ParameterName}={p.Value}")).ToString();
}
