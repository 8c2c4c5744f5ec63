using Map.Web.Items;

namespace Map.Web.Http;

/// <summary>
/// Text that PostgreSQL cannot store or compare: a NUL character (from %00 in a URL or \u0000 in JSON) and an
/// unpaired UTF-16 surrogate (from \ud800 in JSON). Refused as a 400 before it reaches a query, where it would fail.
/// </summary>
public static class RequestText
{
    /// <summary>Why <paramref name="text"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return "It contains a NUL character.";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return "It contains an unpaired UTF-16 surrogate.";
        }
        return null;
    }

    public static string Check(string parameter, string text) =>
        Problem(text) is { } problem ? throw new InvalidParameterException(parameter, problem) : text;

    /// <summary>Refuses a request whose path or query holds such text, naming the query parameter (or "path").</summary>
    public static WebApplication UseRequestTextCheck(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Check("path", context.Request.Path.Value ?? "");
            foreach (var (name, values) in context.Request.Query)
            {
                Check(name, name);
                foreach (var value in values) Check(name, value ?? "");
            }
            await next(context);
        });
        return app;
    }
}
