using System.ComponentModel.DataAnnotations;

namespace Map.Web.Hosting;

/// <summary>The "Map" configuration section; every key is documented in appsettings.json and the README.</summary>
public sealed class MapOptions : IValidatableObject
{
    public const string Section = "Map";

    /// <summary>
    /// The address clients reach the app at (https://map.example.org, or with a path: https://example.org/map);
    /// every link is built from it. Empty: from the request's scheme and host (limited by AllowedHosts).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Folder of the seed files; empty means the geodata/ folder of the repository.</summary>
    public string GeodataPath { get; set; } = "";

    /// <summary>Folder of the static map page; empty means the wwwroot/ folder of the repository.</summary>
    public string WebRootPath { get; set; } = "";

    public bool MigrateOnStart { get; set; } = true;
    public bool SeedOnStart { get; set; } = true;

    [Range(1, 100_000)]
    public int DefaultLimit { get; set; } = 100;

    [Range(1, 1_000_000)]
    public int MaxLimit { get; set; } = 10_000;

    /// <summary>An open-ended record whose newest source is older than this many months is drawn as unconfirmed.</summary>
    [Range(1, 240)]
    public int UnconfirmedAfterMonths { get; set; } = 12;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl.Length > 0 && !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                && uri.Query.Length == 0 && uri.Fragment.Length == 0))
            yield return new($"{Section}:PublicBaseUrl must be an absolute http(s) URL without query, got '{PublicBaseUrl}'.", [nameof(PublicBaseUrl)]);
    }
}
