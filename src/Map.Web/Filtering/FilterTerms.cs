using System.Globalization;
using Map.Data.Queries;
using Map.Web.Items;
using Map.Web.Ogc;
using NetTopologySuite.Geometries;

namespace Map.Web.Filtering;

/// <summary>
/// Builds checked <see cref="FilterExpression"/> nodes for both CQL2 encodings: property names must be queryables,
/// literals must suit the property they meet, text and numbers must be storable, geometries valid and within the
/// CRS, and a filter may nest only so deep and hold only so much. Every refusal is a 400 naming <c>filter</c>.
/// </summary>
public sealed class FilterTerms(SpatialReference filterCrs)
{
    /// <summary>How deep parentheses, NOT and nested operators may go (both parsers recurse once per level).</summary>
    public const int MaxNesting = 64;

    /// <summary>How many conditions and values one filter may hold (each value is one SQL parameter).</summary>
    public const int MaxTerms = 1000;

    /// <summary>
    /// CQL2 functions and operators of classes this server does not implement; naming one is "not supported",
    /// not "unknown property".
    /// </summary>
    private static readonly HashSet<string> KnownUnsupported = new(StringComparer.OrdinalIgnoreCase)
    {
        "S_CONTAINS", "S_CROSSES", "S_DISJOINT", "S_EQUALS", "S_OVERLAPS", "S_TOUCHES", "S_WITHIN",
        "T_AFTER", "T_BEFORE", "T_CONTAINS", "T_DISJOINT", "T_DURING", "T_EQUALS", "T_FINISHEDBY", "T_FINISHES", "T_MEETS",
        "T_METBY", "T_OVERLAPPEDBY", "T_OVERLAPS", "T_STARTEDBY", "T_STARTS",
        "A_CONTAINEDBY", "A_CONTAINS", "A_EQUALS", "A_OVERLAPS", "CASEI", "ACCENTI", "DIV", "ILIKE",
    };

    /// <summary>
    /// A function or operator the filter calls that this server does not implement: function-not-supported when CQL2
    /// defines it (the filter is right, the server cannot do it), invalid-parameter when nothing does.
    /// </summary>
    public static InvalidParameterException NotSupported(string name) => KnownUnsupported.Contains(name)
        ? new(QueryParameters.Filter,
            $"The CQL2 function or operator {name.ToUpperInvariant()} is not supported here. Supported: comparisons, LIKE, BETWEEN, IN, " +
            "IS NULL, AND/OR/NOT, S_INTERSECTS and T_INTERSECTS.",
            Problems.ProblemCodes.FunctionNotSupported)
        : Invalid($"'{name}' is not a CQL2 function or operator. Supported: comparisons, LIKE, BETWEEN, IN, IS NULL, AND/OR/NOT, " +
            "S_INTERSECTS and T_INTERSECTS.");

    /// <summary>A text literal that PostgreSQL can take.</summary>
    public static LiteralOperand Text(string value) =>
        Http.RequestText.Problem(value) is { } problem ? throw Invalid($"A text value cannot be used. {problem}") : new LiteralOperand(value);

    /// <summary>A number literal: finite (1e400 overflows to infinity when read; NaN compares with nothing).</summary>
    public static LiteralOperand Number(double value) =>
        double.IsFinite(value) ? new LiteralOperand(value) : throw Invalid("A number is out of range (it must be finite).");

    /// <summary>Refuses filters deeper than <see cref="MaxNesting"/>; the parsers call it once per level they enter.</summary>
    public static void CheckNesting(int depth)
    {
        if (depth > MaxNesting) throw Invalid($"The filter is nested more than {MaxNesting} levels deep.");
    }

    /// <summary>Refuses filters with more than <see cref="MaxTerms"/> conditions and values.</summary>
    public static FilterExpression CheckSize(FilterExpression filter)
    {
        var count = 0;
        var pending = new Stack<FilterExpression>([filter]);
        while (pending.TryPop(out var node))
        {
            count += node switch
            {
                AndExpression and => Push(and.Operands),
                OrExpression or => Push(or.Operands),
                NotExpression not => Push([not.Operand]),
                InExpression @in => 2 + @in.List.Count,
                BetweenExpression => 4,
                _ => 3,
            };
            if (count > MaxTerms) throw Invalid($"The filter holds more than {MaxTerms} conditions and values.");
        }
        return filter;

        int Push(IReadOnlyList<FilterExpression> operands)
        {
            foreach (var operand in operands) pending.Push(operand);
            return 1;
        }
    }

    /// <summary>A property reference: a queryable, or the geometry (only valid inside S_INTERSECTS).</summary>
    public static ScalarOperand Property(string name)
    {
        if (name == QueryableProperties.Geometry) throw Invalid("The geometry can only be used in S_INTERSECTS.");
        return new PropertyOperand(QueryableProperties.Find(name)
            ?? throw Invalid($"Unknown property '{name}'. The queryables are: {string.Join(", ", QueryableProperties.All.Select(q => q.Name))}."));
    }

    public static FilterExpression Comparison(ComparisonOperator op, ScalarOperand left, ScalarOperand right)
    {
        var (l, r) = Unify(left, right);
        if (op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual) && TypeOf(l) == QueryableType.Boolean)
            throw Invalid("Booleans can only be compared with = and <>.");
        return new ComparisonExpression(op, l, r);
    }

    /// <summary>value LIKE pattern, with % and _ as wildcards and \ escaping them (which cannot end the pattern).</summary>
    public static FilterExpression Like(ScalarOperand value, ScalarOperand pattern)
    {
        if (TypeOf(value) is not (QueryableType.String or null) || pattern is not LiteralOperand { Value: string text })
            throw Invalid("LIKE compares a text property with a text pattern.");
        if ((text.Length - text.TrimEnd('\\').Length) % 2 == 1)
            throw Invalid("A LIKE pattern cannot end with the escape character \\ (write \\\\ for a backslash).");
        return new LikeExpression(value, pattern);
    }

    public static FilterExpression Between(ScalarOperand value, ScalarOperand low, ScalarOperand high)
    {
        var (v, l) = Unify(value, low);
        var (_, h) = Unify(v, high);
        return new BetweenExpression(v, l, h);
    }

    public static FilterExpression In(ScalarOperand value, IReadOnlyList<ScalarOperand> list)
    {
        if (list.Count == 0) throw Invalid("IN needs at least one value.");
        if (list.Count > MaxTerms) throw Invalid($"IN takes at most {MaxTerms} values.");
        return new InExpression(value, list.Select(item => Unify(value, item).Right).ToList());
    }

    public static FilterExpression Not(FilterExpression operand) => new NotExpression(operand);

    public static FilterExpression And(IReadOnlyList<FilterExpression> operands) => operands.Count == 1 ? operands[0] : new AndExpression(operands);

    public static FilterExpression Or(IReadOnlyList<FilterExpression> operands) => operands.Count == 1 ? operands[0] : new OrExpression(operands);

    /// <summary>S_INTERSECTS(geometry, literal) in either order; the literal is in filter-crs.</summary>
    public FilterExpression SpatialIntersects(object left, object right)
    {
        var (property, literal) = (left, right) switch
        {
            (string p, Geometry g) => (p, g),
            (Geometry g, string p) => (p, g),
            _ => throw Invalid("S_INTERSECTS compares the 'geometry' property with a geometry literal."),
        };
        if (property != QueryableProperties.Geometry) throw Invalid($"'{property}' is not a spatial property; use 'geometry'.");
        return new SpatialIntersectsExpression(InStorageAxisOrder(literal));
    }

    /// <summary>
    /// Geometry literals get the filter CRS's SRID; latitude-first EPSG:4326 is turned to longitude first. Their
    /// coordinates must lie within the CRS's domain, and they must be valid (PostGIS's predicates may fail on a
    /// self-intersecting polygon).
    /// </summary>
    private Geometry InStorageAxisOrder(Geometry literal)
    {
        var geometry = literal.Copy();
        if (filterCrs.LatitudeFirst)
            geometry.Apply(new SwapAxes());
        geometry.SRID = filterCrs.Srid;
        if (geometry.Coordinates.Any(c => !Crs.CrsDomains.Contains(filterCrs, c.X, c.Y)))
            throw Invalid($"The geometry has coordinates outside {filterCrs.Uri}: it must lie within {Crs.CrsDomains.Describe(filterCrs)}.");
        if (new NetTopologySuite.Operation.Valid.IsValidOp(geometry).ValidationError is { } error)
            throw Invalid($"The geometry is not valid: {error.Message} at {error.Coordinate}.");
        return geometry;
    }

    /// <summary>T_INTERSECTS between the feature's time (validFrom, validTo or INTERVAL(validFrom, validTo)) and a literal.</summary>
    public static FilterExpression TemporalIntersects(TemporalTerm left, TemporalTerm right) => (left, right) switch
    {
        (TemporalTerm.FeatureTime f, TemporalTerm.Literal l) => new TemporalIntersectsExpression(f.Operand, l.Time),
        (TemporalTerm.Literal l, TemporalTerm.FeatureTime f) => new TemporalIntersectsExpression(f.Operand, l.Time),
        _ => throw Invalid("T_INTERSECTS compares validFrom, validTo or INTERVAL(validFrom, validTo) with a date, timestamp or interval literal."),
    };

    public static TemporalTerm TemporalProperty(string name) => name switch
    {
        "validFrom" => new TemporalTerm.FeatureTime(TemporalOperand.ValidFrom),
        "validTo" => new TemporalTerm.FeatureTime(TemporalOperand.ValidTo),
        _ => throw Invalid($"'{name}' is not a temporal property; use validFrom, validTo or INTERVAL(validFrom, validTo)."),
    };

    /// <summary>INTERVAL(start, end): the properties validFrom and validTo (the feature's valid range) or two instants.</summary>
    public static TemporalTerm Interval(IntervalBound start, IntervalBound end)
    {
        if (start.Property is not null || end.Property is not null)
        {
            if (start.Property == "validFrom" && end.Property == "validTo") return new TemporalTerm.FeatureTime(TemporalOperand.ValidInterval);
            throw Invalid("An INTERVAL of properties must be INTERVAL(validFrom, validTo).");
        }
        if (start.Day is null && end.Day is null) throw Invalid("At least one end of an INTERVAL must be an instant.");
        if (start.Day > end.Day) throw Invalid("The interval starts after it ends.");
        return new TemporalTerm.Literal(new ValidTime(start.Day, end.Day));
    }

    public static TemporalTerm Instant(DateOnly day) => new TemporalTerm.Literal(ValidTime.On(day));

    public static DateOnly ParseDate(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        throw Invalid($"'{text}' is not a date (YYYY-MM-DD).");
    }

    /// <summary>
    /// A text value compared with a date property: a date, a date-time (its UTC day), or a date followed by a bare
    /// 'T' ('2020-01-01T'), which is how GDAL writes a date into CQL text.
    /// </summary>
    public static DateOnly ParseDay(string text)
    {
        if (text.Length == 11 && text[10] is 'T' or 't') text = text[..10];
        return text.Length > 10 ? ParseTimestamp(text) : ParseDate(text);
    }

    /// <summary>Timestamps count by their UTC day, as the datetime parameter does: the data is dated to the day.</summary>
    public static DateOnly ParseTimestamp(string text)
    {
        if (text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return DateOnly.FromDateTime(instant.UtcDateTime);
        throw Invalid($"'{text}' is not an RFC 3339 timestamp.");
    }

    public static InvalidParameterException Invalid(string detail) => new(QueryParameters.Filter, detail);

    private static QueryableType? TypeOf(ScalarOperand operand) => operand switch
    {
        PropertyOperand p => p.Property.Type,
        LiteralOperand { Value: string } => QueryableType.String,
        LiteralOperand { Value: double } => QueryableType.Number,
        LiteralOperand { Value: long } => QueryableType.Integer,
        LiteralOperand { Value: bool } => QueryableType.Boolean,
        LiteralOperand { Value: DateOnly } => QueryableType.Date,
        _ => null,
    };

    /// <summary>
    /// Makes two operands comparable: numbers with numbers, dates with dates (a date string is a date there) and
    /// booleans with booleans (1 and 0 are true and false there, as GDAL writes them).
    /// </summary>
    private static (ScalarOperand Left, ScalarOperand Right) Unify(ScalarOperand left, ScalarOperand right)
    {
        var (lt, rt) = (TypeOf(left), TypeOf(right));
        if (lt == rt) return (left, right);
        if (IsNumber(lt) && IsNumber(rt)) return (left, right);
        if (lt == QueryableType.Date && right is LiteralOperand { Value: string rs }) return (left, new LiteralOperand(ParseDay(rs)));
        if (rt == QueryableType.Date && left is LiteralOperand { Value: string ls }) return (new LiteralOperand(ParseDay(ls)), right);
        if (lt == QueryableType.Boolean && AsBoolean(right) is { } rb) return (left, rb);
        if (rt == QueryableType.Boolean && AsBoolean(left) is { } lb) return (lb, right);
        throw Invalid($"Cannot compare {Describe(left)} with {Describe(right)}.");

        static bool IsNumber(QueryableType? t) => t is QueryableType.Number or QueryableType.Integer;
        static LiteralOperand? AsBoolean(ScalarOperand operand) => operand switch
        {
            LiteralOperand { Value: 1.0 or 1L } => new LiteralOperand(true),
            LiteralOperand { Value: 0.0 or 0L } => new LiteralOperand(false),
            _ => null,
        };
    }

    private static string Describe(ScalarOperand operand) => operand switch
    {
        PropertyOperand p => $"property '{p.Property.Name}' ({p.Property.Type.ToString().ToLowerInvariant()})",
        LiteralOperand l => $"{TypeOf(l)?.ToString().ToLowerInvariant()} {Convert.ToString(l.Value, CultureInfo.InvariantCulture)}",
        _ => operand.ToString(),
    };

    private sealed class SwapAxes : ICoordinateSequenceFilter
    {
        public void Filter(CoordinateSequence seq, int i)
        {
            var x = seq.GetX(i);
            seq.SetX(i, seq.GetY(i));
            seq.SetY(i, x);
        }

        public bool Done => false;
        public bool GeometryChanged => true;
    }
}

/// <summary>One side of T_INTERSECTS.</summary>
public abstract record TemporalTerm
{
    public sealed record FeatureTime(TemporalOperand Operand) : TemporalTerm;
    public sealed record Literal(ValidTime Time) : TemporalTerm;
}

/// <summary>An end of an INTERVAL: a property name, a day, or open ('..') when both are null.</summary>
public sealed record IntervalBound(string? Property, DateOnly? Day);
