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
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw Invalid();
        }
        var ordering = new ItemsQuery("") { SortBy = sortBy }.Ordering;
        if (payload?.K is null || payload.K.Length != ordering.Count) throw Invalid();
        for (var i = 0; i < ordering.Count; i++)
            if (payload.K[i] is { } key ? !Fits(ordering[i].Property.Type, key) : !ordering[i].Property.Nullable) throw Invalid();
        return new PageCursor(payload.K, payload.P);

        // Checked here so that a forged value is a 400, not a failed cast in PostgreSQL.
        static bool Fits(QueryableType type, string value) => type switch
        {
            QueryableType.Date => value == "infinity" || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            QueryableType.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || value == "Infinity",
            QueryableType.Integer => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            QueryableType.Boolean => value is "true" or "false",
            _ => true,
        };

        static InvalidParameterException Invalid() =>
            new(QueryParameters.Cursor, "Not a cursor from a next or prev link of this sort order.");
    }
}
