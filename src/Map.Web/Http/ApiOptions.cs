using System.ComponentModel.DataAnnotations;

namespace Map.Web.Http;

/// <summary>The "Api" configuration section: HTTP behaviour of the OGC API (documented in the README).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// numberMatched is counted up to this many features (a LIMITed count, so it stays cheap); when more match it is
    /// left out of the response rather than guessed. 0 leaves it out whenever it is not known for free.
    /// </summary>
    [Range(0, 10_000_000)]
    public int NumberMatchedCap { get; set; } = 10_000;

    /// <summary>Cache-Control on collections and items. "no-cache": clients keep a copy and revalidate it (cheap 304s).</summary>
    public string CacheControl { get; set; } = "public, no-cache";

    /// <summary>Origins allowed to read the API from a browser; "*" means any.</summary>
    public string[] CorsOrigins { get; set; } = ["*"];

    /// <summary>How long browsers may cache a CORS preflight answer.</summary>
    [Range(0, 86_400)]
    public int CorsMaxAgeSeconds { get; set; } = 3600;
}
