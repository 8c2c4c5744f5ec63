namespace Map.Data.Queries;

public enum QueryableType { String, Number, Integer, Boolean, Date }

/// <summary>
/// A feature property clients may filter and sort on. <see cref="Column"/> is SQL written here, never taken from a
/// request: a request can only name a queryable, and unknown names are refused before any SQL is built.
/// </summary>
public sealed record QueryableProperty(string Name, string Column, QueryableType Type, string Description, bool Nullable = false)
{
    /// <summary>The SQL type a cursor value or literal of this queryable is cast to.</summary>
    public string SqlType => Type switch
    {
        QueryableType.String => "text",
        QueryableType.Number => "double precision",
        QueryableType.Integer => "integer",
        QueryableType.Boolean => "boolean",
        QueryableType.Date => "date",
        _ => throw new ArgumentOutOfRangeException(nameof(Type)),
    };

}

/// <summary>The whitelist of property names for filters, property selection and sorting (served as /queryables).</summary>
public static class QueryableProperties
{
    /// <summary>The spatial queryable: the only name S_INTERSECTS accepts for the feature side.</summary>
    public const string Geometry = "geometry";

    public static readonly IReadOnlyList<QueryableProperty> All =
    [
        new("id", "f.id", QueryableType.String, "Stable identifier of the record"),
        new("name", "f.name", QueryableType.String, "Name in English"),
        new("nameAr", "f.name_ar", QueryableType.String, "Name in Arabic", Nullable: true),
        new("actor", "f.actor_id", QueryableType.String, "Force present (id from /actors)", Nullable: true),
        new("kind", "f.kind", QueryableType.String, "Kind of presence: base, outpost, patrol, zone, encounter..."),
        new("validFrom", "f.valid_from", QueryableType.Date, "First day of presence"),
        new("validTo", "f.valid_to", QueryableType.Date, "Last day of presence; null while ongoing", Nullable: true),
        new("lastConfirmed", "f.last_confirmed", QueryableType.Date, "Newest published date of the record's sources", Nullable: true),
        new("datePrecision", "lower(f.date_precision)", QueryableType.String, "day, month or year"),
        new("confidence", "f.confidence", QueryableType.Number, "0 to 1"),
        new("approximate", "f.approximate", QueryableType.Boolean, "True when the position stands for the site"),
        new("accuracyMeters", "f.accuracy_meters", QueryableType.Integer, "Positional accuracy in metres", Nullable: true),
        new("predecessor", "f.predecessor_id", QueryableType.String, "An earlier record of the same site", Nullable: true),
    ];

    private static readonly Dictionary<string, QueryableProperty> ByName = All.ToDictionary(q => q.Name, StringComparer.Ordinal);

    public static QueryableProperty? Find(string name) => ByName.GetValueOrDefault(name);

    public static QueryableProperty Id => ByName["id"];
}
