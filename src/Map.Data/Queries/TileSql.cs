using Npgsql;
using NpgsqlTypes;

namespace Map.Data.Queries;

/// <summary>One vector tile of one collection: a WebMercatorQuad tile, with the items API's time and filter semantics.</summary>
public sealed record TileQuery(string LayerId, int Zoom, int Column, int Row)
{
    public ValidTime? ValidTime { get; init; }
    /// <summary>A CQL2 filter over the queryables, as items take it.</summary>
    public FilterExpression? Filter { get; init; }
    /// <summary>Key holders see unpublished layers, as in items; everybody else gets "no such layer" for them.</summary>
    public bool IncludeUnpublished { get; init; }
}

/// <summary>How tiles are cut: below <see cref="AggregateBelowZoom"/> points are gathered into cells of <see cref="CellPixels"/>.</summary>
public sealed record TileSettings(int AggregateBelowZoom, int CellPixels);

/// <summary>
/// All SQL of the vector tiles, in one place (as <see cref="FeatureSql"/> is for items). PostGIS cuts the tile
/// (ST_TileEnvelope, ST_AsMVTGeom, ST_AsMVT); the query stays on the parent <c>features</c> table with the layer id
/// as a parameter and a bounding-box test on the stored EPSG:4326 geometry, so the GiST index (and, on a partitioned
/// table, partition pruning) applies. Time and CQL2 predicates are the items' own (<see cref="FeatureSql"/>).
/// </summary>
/// <remarks>
/// Below <see cref="TileSettings.AggregateBelowZoom"/> points are gathered into a grid of square cells of
/// <see cref="TileSettings.CellPixels"/> screen pixels, aligned with the tile grid: a cell holding one point writes
/// that point with all its attributes; a cell holding more writes one point at their mean position with
/// <c>count</c> and the most frequent <c>actor</c>. Lines and polygons are simplified to a pixel and kept.
/// </remarks>
public static class TileSql
{
    /// <summary>MVT coordinates per tile side (the usual 4096: 1/16 of a pixel on a 256-pixel tile).</summary>
    public const int Extent = 4096;

    /// <summary>Tiles carry what the map needs to style and name a feature; a click fetches the full record from items.</summary>
    public static readonly IReadOnlyList<string> StyleProperties =
        ["id", "name", "actor", "kind", "validFrom", "validTo", "confidence", "approximate"];

    /// <summary>Written on aggregated points only: how many features the point stands for.</summary>
    public const string CountProperty = "count";

    private const int TilePixels = 256;
    /// <summary>Symbols up to 32 pixels across are not cut at tile edges: each tile holds 16 pixels around it.</summary>
    private const int BufferPixels = 16;

    private static readonly (string Name, string Column)[] Attributes = [.. StyleProperties.Select(Attribute)];

    /// <summary>The tile (bytea, empty when no feature falls in it), after the layer's stamp when asked (null row: no such layer).</summary>
    public static NpgsqlCommand Tile(TileQuery query, TileSettings settings, bool withLayerStamp)
    {
        var parameters = new SqlParameters();
        var stamp = withLayerStamp ? FeatureSql.LayerStampSql(query.LayerId, query.IncludeUnpublished, parameters) + ";\n" : "";
        var sql = query.Zoom < settings.AggregateBelowZoom ? Aggregated(query, settings, parameters) : Raw(query, parameters);
        return parameters.Command(stamp + sql);
    }

    private static string Raw(TileQuery query, SqlParameters p)
    {
        var layer = p.Add(query.LayerId, NpgsqlDbType.Varchar);
        var bounds = Bounds(query, (double)BufferPixels / TilePixels, p);
        return $"""
            WITH bounds AS ({bounds})
            SELECT ST_AsMVT(t, {layer}, {Extent}, 'geom') FROM (
              SELECT {Geometry(query, p)} AS geom, {AttributeList(null)}
              FROM features f, bounds b WHERE {Where(query, layer, p)}) t
            """;
    }

    private static string Aggregated(TileQuery query, TileSettings settings, SqlParameters p)
    {
        var layer = p.Add(query.LayerId, NpgsqlDbType.Varchar);
        var cellsPerTile = (double)TilePixels / settings.CellPixels;
        // A margin of one whole cell: a cell near the edge is gathered identically by both tiles that draw it.
        var bounds = Bounds(query, 1 / cellsPerTile, p);
        var cells = Math.Pow(2, query.Zoom) * cellsPerTile;
        var perDegree = p.Add(cells / 360);
        var perMercatorRadian = p.Add(cells / (2 * Math.PI));
        var where = Where(query, layer, p);
        var cellBuffer = Extent / (int)cellsPerTile;
        var kind = $"(SELECT geometry_kind FROM layers WHERE id = {layer})";
        return $"""
            WITH bounds AS ({bounds})
            SELECT ST_AsMVT(t, {layer}, {Extent}, 'geom') FROM (
              SELECT {Geometry(query, p)} AS geom, {AttributeList(null)}, NULL::integer AS {CountProperty}
              FROM features f, bounds b WHERE {where} AND ST_Dimension(f.geometry) > 0 AND {kind} <> 'Point'
              UNION ALL
              SELECT ST_AsMVTGeom(ST_Transform(CASE WHEN c.n = 1 THEN f.geometry
                       ELSE ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326) END, 3857), b.tile, {Extent}, {cellBuffer}, true),
                     {AttributeList("c.actor")}, CASE WHEN c.n > 1 THEN c.n END
              FROM (SELECT sum(g.n)::integer AS n, (array_agg(g.actor ORDER BY g.n DESC, g.actor))[1] AS actor, min(g.one) AS one,
                           sum(g.lon) / sum(g.n) AS lon, sum(g.lat) / sum(g.n) AS lat
                    FROM (SELECT count(*) AS n, f.actor_id AS actor, min(f.id) AS one, sum(ST_X(f.geometry)) AS lon,
                                 sum(ST_Y(f.geometry)) AS lat, floor((ST_X(f.geometry) + 180) * {perDegree}) AS cx,
                                 floor(ln(tan(radians(45 + ST_Y(f.geometry) / 2))) * {perMercatorRadian}) AS cy
                          FROM features f, bounds b
                          WHERE {where} AND ST_Dimension(f.geometry) = 0 AND {kind} NOT IN ('Line', 'Polygon')
                          GROUP BY cx, cy, f.actor_id) g
                    GROUP BY g.cx, g.cy) c
              CROSS JOIN bounds b LEFT JOIN features f ON c.n = 1 AND f.layer_id = {layer} AND f.id = c.one) t
            """;
    }

    /// <summary>The tile in EPSG:3857, and the area to search in EPSG:4326: the tile widened by a margin (a share of its side).</summary>
    private static string Bounds(TileQuery query, double margin, SqlParameters p)
    {
        var tile = $"{p.Add(query.Zoom, NpgsqlDbType.Integer)}, {p.Add(query.Column, NpgsqlDbType.Integer)}, {p.Add(query.Row, NpgsqlDbType.Integer)}";
        return $"SELECT ST_TileEnvelope({tile}) AS tile, ST_Transform(ST_TileEnvelope({tile}, margin => {p.Add(margin)}), 4326) AS area";
    }

    /// <summary>Points as they are; lines and polygons simplified to a pixel (of this zoom) before they are projected and cut.</summary>
    private static string Geometry(TileQuery query, SqlParameters p)
    {
        var pixelDegrees = p.Add(360 / Math.Pow(2, query.Zoom) / TilePixels);
        var buffer = Extent * BufferPixels / TilePixels;
        return $"ST_AsMVTGeom(ST_Transform(CASE WHEN ST_Dimension(f.geometry) = 0 THEN f.geometry " +
            $"ELSE ST_Simplify(f.geometry, {pixelDegrees}, true) END, 3857), b.tile, {Extent}, {buffer}, true)";
    }

    private static string Where(TileQuery query, string layer, SqlParameters p)
    {
        var conditions = new List<string> { $"f.layer_id = {layer}", "f.geometry && b.area" };
        if (query.ValidTime is { } time) conditions.AddRange(FeatureSql.ValidRangeOverlaps("f.valid_from", "f.valid_to", time, p));
        if (query.Filter is { } filter) conditions.Add(FeatureSql.Translate(filter, p));
        return string.Join(" AND ", conditions);
    }

    private static string AttributeList(string? actor) =>
        string.Join(", ", Attributes.Select(a => a.Name == "actor" && actor is not null
            ? $"coalesce(f.actor_id, {actor}) AS \"{a.Name}\""
            : $"{a.Column} AS \"{a.Name}\""));

    /// <summary>A queryable's column as an MVT value: dates as ISO text (MVT has no date type).</summary>
    private static (string Name, string Column) Attribute(string name)
    {
        var property = QueryableProperties.Find(name) ?? throw new InvalidOperationException($"'{name}' is not a queryable.");
        return (name, property.Type == QueryableType.Date ? $"to_char({property.Column}, 'YYYY-MM-DD')" : property.Column);
    }

    /// <summary>The MVT value type of each tile attribute, for the tileset metadata (TileJSON vector_layers, OGC propertiesSchema).</summary>
    public static IReadOnlyList<(string Name, string Type, string Description)> AttributeSchema =>
    [
        .. StyleProperties.Select(name =>
        {
            var property = QueryableProperties.Find(name)!;
            var type = property.Type switch
            {
                QueryableType.Number => "number",
                QueryableType.Integer => "integer",
                QueryableType.Boolean => "boolean",
                _ => "string",
            };
            return (name, type, property.Description);
        }),
        (CountProperty, "integer", "On aggregated points (low zooms): how many features the point stands for; 'actor' is then the most frequent one"),
    ];
}
