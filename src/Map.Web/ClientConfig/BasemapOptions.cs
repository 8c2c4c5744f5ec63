using System.ComponentModel.DataAnnotations;

namespace Map.Web.ClientConfig;

/// <summary>
/// The "Map:Basemap" section: an optional online tile layer drawn under the offline basemap. Off by default, so the
/// page makes no request beyond this server unless the operator opts in.
/// </summary>
public sealed class BasemapOptions : IValidatableObject
{
    public const string Section = "Map:Basemap";

    /// <summary>Leaflet URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; empty = no online tiles.</summary>
    public string TileUrl { get; set; } = "";

    /// <summary>Attribution the tile provider requires (shown on the map); required when TileUrl is set.</summary>
    public string TileAttribution { get; set; } = "";

    [Range(1, 22)]
    public int TileMaxZoom { get; set; } = 19;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TileUrl.Length == 0) yield break;
        if (!Uri.TryCreate(TileUrl.Replace("{s}", "a").Replace("{z}", "0").Replace("{x}", "0").Replace("{y}", "0").Replace("{r}", ""),
                UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return new($"{Section}:TileUrl must be an absolute http(s) URL template, got '{TileUrl}'.", [nameof(TileUrl)]);
        if (!TileUrl.Contains("{z}") || !TileUrl.Contains("{x}") || !TileUrl.Contains("{y}"))
            yield return new($"{Section}:TileUrl must contain {{z}}, {{x}} and {{y}}.", [nameof(TileUrl)]);
        if (string.IsNullOrWhiteSpace(TileAttribution))
            yield return new($"{Section}:TileAttribution is required when TileUrl is set (tile providers require attribution).", [nameof(TileAttribution)]);
    }
}
