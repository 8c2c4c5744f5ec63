using System.ComponentModel.DataAnnotations;

namespace Map.Web.Http;

/// <summary>The "Api" configuration section: HTTP behaviour of the OGC API (documented in the README).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// numberMatched is always given, exactly, when it is free: the first page holds the whole result. For a full page
    /// the features are counted up to this many (a LIMITed count) and numberMatched is given when fewer match; more,
    /// and it is left out rather than guessed. The default 0 never counts: in bench/api a count of 10,000 rows cost
    /// 4 to 10 times the page itself and took big-bbox requests to 0.07–0.13 of the database's ceiling.
    /// </summary>
    [Range(0, 10_000_000)]
    public int NumberMatchedCap { get; set; }

    /// <summary>Cache-Control on collections and items. "no-cache": clients keep a copy and revalidate it (cheap 304s).</summary>
    public string CacheControl { get; set; } = "public, no-cache";

    /// <summary>Origins allowed to read the API from a browser; "*" means any.</summary>
    public string[] CorsOrigins { get; set; } = ["*"];

    /// <summary>How long browsers may cache a CORS preflight answer.</summary>
    [Range(0, 86_400)]
    public int CorsMaxAgeSeconds { get; set; } = 3600;
}
