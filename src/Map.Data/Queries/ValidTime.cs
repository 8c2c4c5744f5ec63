namespace Map.Data.Queries;

/// <summary>
/// A closed interval of days, either end open. A feature is present in it when its own valid range overlaps it:
/// valid_from &lt;= End and (valid_to is null or valid_to &gt;= Start). An instant is the interval [D, D].
/// </summary>
public readonly record struct ValidTime(DateOnly? Start, DateOnly? End)
{
    public static ValidTime On(DateOnly day) => new(day, day);

    public bool Contains(DateOnly validFrom, DateOnly? validTo) =>
        (End is null || validFrom <= End) && (Start is null || validTo is null || validTo >= Start);
}
