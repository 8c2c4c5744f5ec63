using System.Globalization;
using Map.Web.Items;

namespace Map.Web.Tiles;

/// <summary>A tile's address in a tile matrix set: zoom (tile matrix), row (from the top) and column (from the antimeridian).</summary>
public readonly record struct TileAddress(int Zoom, int Row, int Column);

/// <summary>
/// The one tile matrix set served: OGC's WebMercatorQuad (OGC 17-083r4 annex D), the grid of web maps: EPSG:3857,
/// 256-pixel tiles, 2^z × 2^z tiles at zoom z, origin at the top left.
/// </summary>
public static class WebMercatorQuad
{
    public const string Id = "WebMercatorQuad";
    public const string Uri = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    public const string Crs = "http://www.opengis.net/def/crs/EPSG/0/3857";
    public const int TileSize = 256;
    /// <summary>Tile matrices 0 to 24, as the registered definition has them.</summary>
    public const int DefinedZoomLevels = 25;

    private const double Origin = 20037508.3427892;
    private const double CellSizeAtZero = 2 * Origin / TileSize;
    /// <summary>The standard pixel of OGC scale denominators: 0.28 mm.</summary>
    private const double StandardPixelMetres = 0.00028;

    public static bool Is(string tileMatrixSetId) => string.Equals(tileMatrixSetId, Id, StringComparison.Ordinal);

    /// <summary>Path parameters as a tile address; anything but a whole number is a 400 naming the parameter.</summary>
    public static TileAddress Parse(string tileMatrix, string tileRow, string tileCol) =>
        new(Whole("tileMatrix", tileMatrix), Whole("tileRow", tileRow), Whole("tileCol", tileCol));

    /// <summary>Null when the tile lies in the matrix of its zoom and that zoom is served; otherwise why not.</summary>
    public static string? Outside(TileAddress tile, int maxZoom)
    {
        if (tile.Zoom > maxZoom) return $"Tiles are served for the tile matrices 0 to {maxZoom} of {Id}; {tile.Zoom} is not one of them.";
        var size = 1L << tile.Zoom;
        if (tile.Row >= size || tile.Column >= size)
            return $"Tile matrix {tile.Zoom} has rows and columns 0 to {size - 1}; row {tile.Row}, column {tile.Column} is outside it.";
        return null;
    }

    private static int Whole(string parameter, string text)
    {
        var number = text.Length > 0 && text.All(char.IsAsciiDigit);
        if (!number || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw new InvalidParameterException(parameter, $"'{text}' is not a {parameter} of {Id}: a whole number from 0.");
        return value;
    }

    /// <summary>The tile matrix set definition in the JSON encoding of OGC 17-083r4 (TileMatrixSet 2.0).</summary>
    public static TileMatrixSetDocument Definition { get; } = new(
        Id, "Google Maps Compatible for the World", Uri, Crs, ["X", "Y"],
        "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
        [.. Enumerable.Range(0, DefinedZoomLevels).Select(z =>
        {
            var cellSize = CellSizeAtZero / (1L << z);
            return new TileMatrix(z.ToString(CultureInfo.InvariantCulture), cellSize / StandardPixelMetres, cellSize, "topLeft",
                [-Origin, Origin], TileSize, TileSize, 1L << z, 1L << z);
        })]);
}

public sealed record TileMatrixSetDocument(
    string Id, string Title, string Uri, string Crs, IReadOnlyList<string> OrderedAxes, string WellKnownScaleSet,
    IReadOnlyList<TileMatrix> TileMatrices);

public sealed record TileMatrix(
    string Id, double ScaleDenominator, double CellSize, string CornerOfOrigin, double[] PointOfOrigin,
    int TileWidth, int TileHeight, long MatrixWidth, long MatrixHeight);
