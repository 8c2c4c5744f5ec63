using NetTopologySuite.Geometries;

namespace Map.Data.Queries;

/// <summary>
/// A checked filter (from CQL2 text, CQL2 JSON or property parameters): properties are resolved queryables and
/// literals are typed values, so translating it to SQL only ever writes whitelisted columns and parameters.
/// </summary>
public abstract record FilterExpression;

public sealed record AndExpression(IReadOnlyList<FilterExpression> Operands) : FilterExpression;
public sealed record OrExpression(IReadOnlyList<FilterExpression> Operands) : FilterExpression;
public sealed record NotExpression(FilterExpression Operand) : FilterExpression;

public enum ComparisonOperator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

public sealed record ComparisonExpression(ComparisonOperator Operator, ScalarOperand Left, ScalarOperand Right) : FilterExpression;
public sealed record LikeExpression(ScalarOperand Value, ScalarOperand Pattern) : FilterExpression;
public sealed record BetweenExpression(ScalarOperand Value, ScalarOperand Low, ScalarOperand High) : FilterExpression;
public sealed record InExpression(ScalarOperand Value, IReadOnlyList<ScalarOperand> List) : FilterExpression;
public sealed record IsNullExpression(ScalarOperand Value) : FilterExpression;

/// <summary>S_INTERSECTS between the feature geometry and a literal geometry in EPSG:4326 (lon/lat).</summary>
public sealed record SpatialIntersectsExpression(Geometry Literal) : FilterExpression;

/// <summary>T_INTERSECTS between the feature's valid time (or one of its dates) and a literal interval of days.</summary>
public sealed record TemporalIntersectsExpression(TemporalOperand Feature, ValidTime Literal) : FilterExpression;

public enum TemporalOperand { ValidInterval, ValidFrom, ValidTo }

public abstract record ScalarOperand;
public sealed record PropertyOperand(QueryableProperty Property) : ScalarOperand;
/// <summary>string, double, long, bool or DateOnly.</summary>
public sealed record LiteralOperand(object Value) : ScalarOperand;
