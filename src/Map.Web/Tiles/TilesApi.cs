using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Map.Data;
using Map.Data.Connections;
using Map.Data.Model;
using Map.Data.Queries;
using Map.Web.Collections;
using Map.Web.Html;
using Map.Web.Http;
using Map.Web.Ogc;
using Map.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Map.Web.Tiles;

/// <summary>
/// OGC API – Tiles for every collection: vector tiles (MVT) cut by PostGIS, in WebMercatorQuad, taking the items'
/// datetime and CQL2 filter; tileset metadata (with TileJSON members) and the tile matrix set definition.
/// </summary>
public static class TilesApi
{
    private static readonly KnownParameters TileParameters = new(TilesRequest.Names);
    private static readonly KnownParameters MetadataParameters = new(TilesRequest.Names.Append(QueryParameters.Format).ToHashSet(StringComparer.Ordinal));
    private const string TileVariant = "mvt";

    public static IEndpointRouteBuilder MapTilesApi(this IEndpointRouteBuilder routes)
    {
        var matrixSets = routes.MapGroup("/tileMatrixSets").WithTags("Tiles")
            .AddEndpointFilter(KnownParameters.FormatOnly).RequireCors(HttpRegistration.ReadCorsPolicy);
        matrixSets.MapGet("", GetTileMatrixSets).WithName("getTileMatrixSetsList").WithSummary("The tile matrix sets tiles are offered in");
        matrixSets.MapGet("/{tileMatrixSetId}", GetTileMatrixSet).WithName("getTileMatrixSet")
            .WithSummary("A tile matrix set definition (OGC 17-083r4 JSON)").ProducesProblem(StatusCodes.Status404NotFound);

        var tiles = routes.MapGroup("/collections/{collectionId}/tiles").WithTags("Tiles").RequireCors(HttpRegistration.ReadCorsPolicy);
        tiles.MapGet("", GetTileSets).WithName("getCollectionVectorTileSetsList").WithSummary("The collection's vector tilesets")
            .AddEndpointFilter(MetadataParameters)
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        tiles.MapGet("/{tileMatrixSetId}", GetTileSet).WithName("getCollectionVectorTileSet")
            .WithSummary("Tileset metadata, with the TileJSON members (tiles, minzoom, maxzoom, bounds, vector_layers)")
            .AddEndpointFilter(MetadataParameters)
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        tiles.MapGet("/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", GetTile).WithName("getCollectionVectorTile")
            .WithSummary("One vector tile (Mapbox Vector Tile): zoom tileMatrix, row tileRow from the top, column tileCol")
            .AddEndpointFilter(TileParameters)
            .Produces<Stream>(StatusCodes.Status200OK, MediaTypes.MapboxVectorTile).Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <summary>
    /// One tile. Empty tiles are 204 (OGC API – Tiles allows 204 or an empty 200). A tile outside the matrix or beyond
    /// the served zooms is 404, as the tileset requirement /req/tileset/tc-success D asks; a path value that is not a
    /// tile number at all is a 400 naming it, like every other malformed parameter.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, NoContent, StatusCodeHttpResult, ProblemHttpResult>> GetTile(
        string collectionId, string tileMatrixSetId, string tileMatrix, string tileRow, string tileCol, [AsParameters] TilesRequest request,
        FeatureStore store, IOptions<TilesOptions> options, HttpContext http, CancellationToken ct)
    {
        if (!WebMercatorQuad.Is(tileMatrixSetId)) return ApiProblems.TileMatrixSetNotFound(tileMatrixSetId);
        var address = WebMercatorQuad.Parse(tileMatrix, tileRow, tileCol);
        if (WebMercatorQuad.Outside(address, options.Value.MaxZoom) is { } outside) return ApiProblems.TileNotFound(outside);
        var query = request.ToQuery(collectionId, address) with { IncludeUnpublished = http.MayReadUnpublished() };
        var cacheControl = options.Value.CacheControl;

        await using var session = await store.OpenAsync(ct);
        DateTimeOffset? stamp;
        byte[] tile;
        if (ConditionalGet.IsConditional(http.Request))
        {
            stamp = await session.LayerStampAsync(collectionId, query.IncludeUnpublished, ct);
            if (stamp is null) return ApiProblems.CollectionNotFound(collectionId);
            if (ConditionalGet.IsNotModified(http, stamp.Value, TileVariant + http.Audience(), cacheControl))
                return (StatusCodeHttpResult)ConditionalGet.NotModified();
            (_, tile) = await session.TileAsync(query, options.Value.Settings, withLayerStamp: false, ct);
        }
        else
        {
            // The common case: the layer's stamp (ETag) comes back with the tile, in one round trip.
            (stamp, tile) = await session.TileAsync(query, options.Value.Settings, withLayerStamp: true, ct);
            if (stamp is null) return ApiProblems.CollectionNotFound(collectionId);
            ConditionalGet.IsNotModified(http, stamp.Value, TileVariant + http.Audience(), cacheControl);
        }
        return tile.Length == 0 ? TypedResults.NoContent() : TypedResults.Bytes(tile, MediaTypes.MapboxVectorTile);
    }

    public static async Task<Results<Ok<TileSetsDocument>, ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetTileSets(
        string collectionId, [AsParameters] TilesRequest request, [AsParameters] FormatParameter f,
        MapReadDbContext db, HttpContext http, CancellationToken ct)
    {
        request.Validate();
        var format = Negotiation.Format(http.Request);
        var layer = await db.Layers.VisibleTo(http.MayReadUnpublished()).AsNoTracking().FirstOrDefaultAsync(l => l.Id == collectionId, ct);
        if (layer is null) return ApiProblems.CollectionNotFound(collectionId);
        if (ConditionalGet.IsNotModified(http, layer.UpdatedAt, format.ToString())) return (StatusCodeHttpResult)ConditionalGet.NotModified();

        var tileSet = TileSetLink(http.Request, collectionId);
        var document = new TileSetsDocument(
            [new(TileSetTitle(layer), "vector", WebMercatorQuad.Crs, WebMercatorQuad.Uri,
                [tileSet, TilingScheme(http.Request), TileTemplate(http.Request, collectionId)])],
            [.. CollectionLinks.SelfAndAlternate(http.Request, MediaTypes.Json, "Tilesets of " + layer.Title).Select(TileLink.From),
                TileLink.From(new(CollectionLinks.Collection(http.Request, collectionId), LinkRelations.Collection, MediaTypes.Json, layer.Title))]);
        return format == OutputFormat.Json
            ? TypedResults.Ok(document)
            : ResourcePages.Document(http.Request, $"{collectionId}: tilesets", JsonSerializer.SerializeToNode(document, OgcJson.Options)!);
    }

    public static async Task<Results<Ok<TileSetDocument>, ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetTileSet(
        string collectionId, string tileMatrixSetId, [AsParameters] TilesRequest request, [AsParameters] FormatParameter f,
        MapReadDbContext db, LayerExtentCache extentCache, IOptions<TilesOptions> options, HttpContext http, CancellationToken ct)
    {
        request.Validate();
        var format = Negotiation.Format(http.Request);
        if (!WebMercatorQuad.Is(tileMatrixSetId)) return ApiProblems.TileMatrixSetNotFound(tileMatrixSetId);
        var layer = await db.Layers.VisibleTo(http.MayReadUnpublished()).AsNoTracking().FirstOrDefaultAsync(l => l.Id == collectionId, ct);
        if (layer is null) return ApiProblems.CollectionNotFound(collectionId);
        var maxZoom = options.Value.MaxZoom;
        if (ConditionalGet.IsNotModified(http, layer.UpdatedAt, $"{format}|{maxZoom}")) return (StatusCodeHttpResult)ConditionalGet.NotModified();

        var extent = (await extentCache.GetAsync(db, [layer], ct)).GetValueOrDefault(collectionId);
        var document = TileSet(layer, extent?.Bbox, http.Request, maxZoom);
        return format == OutputFormat.Json
            ? TypedResults.Ok(document)
            : ResourcePages.Document(http.Request, $"{collectionId}: {WebMercatorQuad.Id} tileset", JsonSerializer.SerializeToNode(document, OgcJson.Options)!);
    }

    public static Results<Ok<TileMatrixSetsDocument>, ContentHttpResult> GetTileMatrixSets([AsParameters] FormatParameter f, HttpContext http)
    {
        var definition = WebMercatorQuad.Definition;
        var document = new TileMatrixSetsDocument(
            [new(definition.Id, definition.Title, definition.Uri, definition.Crs,
                [new(MatrixSetUrl(http.Request), LinkRelations.Self, MediaTypes.Json, definition.Title)])],
            [.. CollectionLinks.SelfAndAlternate(http.Request, MediaTypes.Json, "Tile matrix sets")]);
        return Negotiation.Format(http.Request) == OutputFormat.Json
            ? TypedResults.Ok(document)
            : ResourcePages.Document(http.Request, "Tile matrix sets", JsonSerializer.SerializeToNode(document, OgcJson.Options)!);
    }

    public static Results<Ok<TileMatrixSetDocument>, ContentHttpResult, ProblemHttpResult> GetTileMatrixSet(
        string tileMatrixSetId, [AsParameters] FormatParameter f, HttpContext http)
    {
        if (!WebMercatorQuad.Is(tileMatrixSetId)) return ApiProblems.TileMatrixSetNotFound(tileMatrixSetId);
        return Negotiation.Format(http.Request) == OutputFormat.Json
            ? TypedResults.Ok(WebMercatorQuad.Definition)
            : ResourcePages.Document(http.Request, WebMercatorQuad.Definition.Title,
                JsonSerializer.SerializeToNode(WebMercatorQuad.Definition, OgcJson.Options)!);
    }

    private static TileSetDocument TileSet(Layer layer, NetTopologySuite.Geometries.Envelope? bbox, HttpRequest request, int maxZoom)
    {
        var template = TileTemplate(request, layer.Id);
        var description = $"Features of '{layer.Title}' as Mapbox Vector Tiles, one layer named '{layer.Id}'. From zoom 0 to " +
            $"{maxZoom}; at low zooms nearby points are aggregated (attribute '{TileSql.CountProperty}').";
        var schema = TileSql.AttributeSchema;
        var properties = new JsonObject();
        foreach (var (name, type, text) in schema) properties[name] = new JsonObject { ["type"] = type, ["description"] = text };
        string Zoom(int z) => z.ToString(CultureInfo.InvariantCulture);
        return new TileSetDocument(
            TileSetTitle(layer), description, "vector", WebMercatorQuad.Crs, WebMercatorQuad.Uri,
            [.. Enumerable.Range(0, maxZoom + 1).Select(z => new TileMatrixLimits(Zoom(z), 0, (1L << z) - 1, 0, (1L << z) - 1))],
            [new(layer.Id, layer.Title, "vector", "0", Zoom(maxZoom), new JsonObject { ["type"] = "object", ["properties"] = properties })],
            bbox is null ? null : new BoundingBox([bbox.MinX, bbox.MinY], [bbox.MaxX, bbox.MaxY], SpatialReference.Crs84Uri),
            [
                .. CollectionLinks.SelfAndAlternate(request, MediaTypes.Json, TileSetTitle(layer)).Select(TileLink.From),
                TilingScheme(request),
                template,
                TileLink.From(new(CollectionLinks.Collection(request, layer.Id), LinkRelations.Collection, MediaTypes.Json, layer.Title)),
            ],
            "3.0.0", layer.Id, [template.Href], 0, maxZoom,
            bbox is null ? null : [bbox.MinX, bbox.MinY, bbox.MaxX, bbox.MaxY],
            [new(layer.Id, layer.Title, 0, maxZoom, schema.ToDictionary(a => a.Name, a => a.Type))]);
    }

    private static string TileSetTitle(Layer layer) => $"{layer.Title}: vector tiles ({WebMercatorQuad.Id})";

    private static TileLink TileSetLink(HttpRequest request, string collectionId) =>
        new(WithTileParameters(request, TileSetUrl(request, collectionId)), LinkRelations.Self, MediaTypes.Json, "Tileset metadata");

    private static TileLink TilingScheme(HttpRequest request) =>
        new(MatrixSetUrl(request), LinkRelations.TilingScheme, MediaTypes.Json, "The tile matrix set " + WebMercatorQuad.Id);

    /// <summary>The tiles' URI template; it keeps this request's datetime and filter, so a client given a date gets tiles of that date.</summary>
    private static TileLink TileTemplate(HttpRequest request, string collectionId) =>
        new(WithTileParameters(request, TileSetUrl(request, collectionId) + "/{tileMatrix}/{tileRow}/{tileCol}"), LinkRelations.Item,
            MediaTypes.MapboxVectorTile, "Mapbox vector tiles", Templated: true);

    private static string TileSetUrl(HttpRequest request, string collectionId) =>
        CollectionLinks.Collection(request, collectionId) + "/tiles/" + WebMercatorQuad.Id;

    private static string MatrixSetUrl(HttpRequest request) => CollectionLinks.Absolute(request, "/tileMatrixSets/" + WebMercatorQuad.Id);

    private static string WithTileParameters(HttpRequest request, string url) =>
        QueryHelpers.AddQueryString(url, request.Query.Where(p => TilesRequest.Names.Contains(p.Key))
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v))));
}
