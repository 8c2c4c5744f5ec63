using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using Map.Data.Queries;
using Map.Web.Ogc;

namespace Map.Web.Items;

/// <summary>
/// The cursor in next/prev links: the sort-key values of the row a page continues from, as base64url JSON. It is
/// opaque to clients but not secret: its values only ever reach SQL as parameters, cast to the key's type.
/// </summary>
public static class PageCursors
{
    private sealed record Payload(string?[] K, bool P);

    public static string Encode(IReadOnlyList<string?> keys, bool previous) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Payload([.. keys], previous)));

    public static PageCursor? Parse(string? text, IReadOnlyList<SortTerm> sortBy)
    {
        if (text is null) return null;
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(text));
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw Invalid();
        }
        var ordering = new ItemsQuery("") { SortBy = sortBy }.Ordering;
        if (payload?.K is null || payload.K.Length != ordering.Count) throw Invalid();
        for (var i = 0; i < ordering.Count; i++)
            // A key may be null only where the sort column may hold nulls (nulls sort last); text must be storable.
            if (payload.K[i] is { } key
                    ? !Fits(ordering[i].Property.Type, key) || Http.RequestText.Problem(key) is not null
                    : !ordering[i].Property.Nullable)
                throw Invalid();
        return new PageCursor(payload.K, payload.P);

        // Checked here so that a forged value is a 400, not a failed cast in PostgreSQL.
        static bool Fits(QueryableType type, string value) => type switch
        {
            QueryableType.Date => value == "infinity" || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            // As PostgreSQL can cast it (1e400 and 1e-400 are out of range), or the sort key's own stand-in for null.
            QueryableType.Number => (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
                && (n != 0 || !value.Split('e', 'E')[0].Any(c => c is >= '1' and <= '9'))) || value == "Infinity",
            QueryableType.Integer => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            QueryableType.Boolean => value is "true" or "false",
            _ => true,
        };

        static InvalidParameterException Invalid() =>
            new(QueryParameters.Cursor, "Not a cursor from a next or prev link of this sort order.");
    }
}
