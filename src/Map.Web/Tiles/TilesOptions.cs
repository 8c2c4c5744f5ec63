using System.ComponentModel.DataAnnotations;
using Map.Data.Queries;

namespace Map.Web.Tiles;

/// <summary>The "Map:Tiles" configuration section: how vector tiles are cut and cached (documented in the README).</summary>
public sealed class TilesOptions : IValidatableObject
{
    public const string Section = "Map:Tiles";

    /// <summary>The deepest tile matrix served; clients zoom further by scaling these tiles (overzoom).</summary>
    [Range(0, WebMercatorQuad.DefinedZoomLevels - 1)]
    public int MaxZoom { get; set; } = 16;

    /// <summary>
    /// Below this zoom, points are gathered into cells of <see cref="CellPixels"/> (a count and the most frequent actor;
    /// a cell with one point keeps the point). In bench/tiles (200,000 points) raw tiles are at most 15 kB from zoom 12
    /// but 46 kB at zoom 10 and 0.9–1.5 MB at zoom 8, where aggregated ones are 2.5 kB (bench/tiles/RESULTS.md).
    /// </summary>
    [Range(0, WebMercatorQuad.DefinedZoomLevels)]
    public int AggregateBelowZoom { get; set; } = 12;

    /// <summary>Side of an aggregation cell in screen pixels; divides the 256-pixel tile.</summary>
    [Range(4, 128)]
    public int CellPixels { get; set; } = 32;

    /// <summary>
    /// Cache-Control of tiles. A tile's URL names its layer, date and filter and its ETag follows the layer's stamp,
    /// so browsers, proxies and CDNs may keep it a while and then revalidate it cheaply (304).
    /// </summary>
    public string CacheControl { get; set; } = "public, max-age=60";

    public TileSettings Settings => new(AggregateBelowZoom, CellPixels);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebMercatorQuad.TileSize % CellPixels != 0)
            yield return new ValidationResult(
                $"CellPixels must divide the {WebMercatorQuad.TileSize}-pixel tile (4, 8, 16, 32, 64 or 128).", [nameof(CellPixels)]);
    }
}
