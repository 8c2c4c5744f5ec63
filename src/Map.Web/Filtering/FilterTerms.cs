using System.Globalization;
using Map.Data.Queries;
using Map.Web.Items;
using Map.Web.Ogc;
using NetTopologySuite.Geometries;

namespace Map.Web.Filtering;

/// <summary>
/// Builds checked <see cref="FilterExpression"/> nodes for both CQL2 encodings: property names must be queryables,
/// literals must suit the property they meet. Every refusal is a 400 naming the <c>filter</c> parameter.
/// </summary>
public sealed class FilterTerms(SpatialReference filterCrs)
{
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

    public static FilterExpression Like(ScalarOperand value, ScalarOperand pattern)
    {
        if (TypeOf(value) is not (QueryableType.String or null) || pattern is not LiteralOperand { Value: string })
            throw Invalid("LIKE compares a text property with a text pattern.");
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

    /// <summary>Geometry literals get the filter CRS's SRID; latitude-first EPSG:4326 is turned to longitude first.</summary>
    private Geometry InStorageAxisOrder(Geometry literal)
    {
        var geometry = literal.Copy();
        if (filterCrs.LatitudeFirst)
            geometry.Apply(new SwapAxes());
        geometry.SRID = filterCrs.Srid;
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

    /// <summary>Makes two operands comparable: numbers with numbers, dates with dates (a 'YYYY-MM-DD' string is a date there).</summary>
    private static (ScalarOperand Left, ScalarOperand Right) Unify(ScalarOperand left, ScalarOperand right)
    {
        var (lt, rt) = (TypeOf(left), TypeOf(right));
        if (lt == rt) return (left, right);
        if (IsNumber(lt) && IsNumber(rt)) return (left, right);
        if (lt == QueryableType.Date && right is LiteralOperand { Value: string rs }) return (left, new LiteralOperand(ParseDate(rs)));
        if (rt == QueryableType.Date && left is LiteralOperand { Value: string ls }) return (new LiteralOperand(ParseDate(ls)), right);
        throw Invalid($"Cannot compare {Describe(left)} with {Describe(right)}.");

        static bool IsNumber(QueryableType? t) => t is QueryableType.Number or QueryableType.Integer;
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
