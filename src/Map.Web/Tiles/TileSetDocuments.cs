using System.Text.Json.Serialization;
using Map.Web.Ogc;

namespace Map.Web.Tiles;

/// <summary>
/// Tileset metadata (OGC 17-083r4 TileSetMetadata, JSON), with the TileJSON 3.0.0 members clients such as MapLibre
/// and QGIS read (tiles, minzoom, maxzoom, bounds, vector_layers) in the same document.
/// </summary>
public sealed record TileSetDocument(
    string Title,
    string Description,
    string DataType,
    string Crs,
    string TileMatrixSetURI,
    IReadOnlyList<TileMatrixLimits> TileMatrixSetLimits,
    IReadOnlyList<TileSetLayer> Layers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BoundingBox? BoundingBox,
    IReadOnlyList<TileLink> Links,
    [property: JsonPropertyName("tilejson")] string TileJson,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("tiles")] IReadOnlyList<string> Tiles,
    [property: JsonPropertyName("minzoom")] int MinZoom,
    [property: JsonPropertyName("maxzoom")] int MaxZoom,
    [property: JsonPropertyName("bounds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double[]? Bounds,
    [property: JsonPropertyName("vector_layers")] IReadOnlyList<VectorLayer> VectorLayers);

public sealed record TileMatrixLimits(string TileMatrix, long MinTileRow, long MaxTileRow, long MinTileCol, long MaxTileCol);

public sealed record TileSetLayer(string Id, string Title, string DataType, string MinTileMatrix, string MaxTileMatrix, object PropertiesSchema);

public sealed record BoundingBox(double[] LowerLeft, double[] UpperRight, string Crs);

/// <summary>TileJSON's description of one MVT layer: its attributes and their types.</summary>
public sealed record VectorLayer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("minzoom")] int MinZoom,
    [property: JsonPropertyName("maxzoom")] int MaxZoom,
    [property: JsonPropertyName("fields")] IReadOnlyDictionary<string, string> Fields);

/// <summary>A link that may be a URI template (OGC API – Tiles: templated links to tiles).</summary>
public sealed record TileLink(
    string Href,
    string Rel,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Templated = false)
{
    public static TileLink From(Link link) => new(link.Href, link.Rel, link.Type, link.Title);
}

/// <summary>/collections/{id}/tiles: the collection's tilesets, each with its self, tiling-scheme and tile template links.</summary>
public sealed record TileSetsDocument(IReadOnlyList<TileSetSummary> Tilesets, IReadOnlyList<TileLink> Links);

public sealed record TileSetSummary(string Title, string DataType, string Crs, string TileMatrixSetURI, IReadOnlyList<TileLink> Links);

/// <summary>/tileMatrixSets: the tile matrix sets tiles are offered in.</summary>
public sealed record TileMatrixSetsDocument(IReadOnlyList<TileMatrixSetSummary> TileMatrixSets, IReadOnlyList<Link> Links);

public sealed record TileMatrixSetSummary(string Id, string Title, string Uri, string Crs, IReadOnlyList<Link> Links);
