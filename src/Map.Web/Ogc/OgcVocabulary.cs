namespace Map.Web.Ogc;

/// <summary>The protocol words of OGC API – Features, OGC API – Tiles and RFC 7946 in one place.</summary>
public static class MediaTypes
{
    public const string GeoJson = "application/geo+json";
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";
    public const string Html = "text/html";
    public const string OpenApi = "application/vnd.oai.openapi+json;version=3.0";
    public const string SchemaJson = "application/schema+json";
    public const string MapboxVectorTile = "application/vnd.mapbox-vector-tile";
}

public static class LinkRelations
{
    public const string Self = "self";
    public const string Alternate = "alternate";
    public const string Items = "items";
    public const string Next = "next";
    public const string Prev = "prev";
    public const string Collection = "collection";
    public const string ServiceDesc = "service-desc";
    public const string ServiceDoc = "service-doc";
    public const string Conformance = "conformance";
    public const string Data = "data";
    public const string Queryables = "http://www.opengis.net/def/rel/ogc/1.0/queryables";
    /// <summary>OGC API – Tiles: a collection's vector tilesets, a tileset's tile matrix set, the list of tile matrix sets.</summary>
    public const string TilesetsVector = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    public const string TilingScheme = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
    public const string TilingSchemes = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes";
    /// <summary>A tileset's URI template of its tiles (templated: true).</summary>
    public const string Item = "item";
}

public static class QueryParameters
{
    public const string Bbox = "bbox";
    public const string BboxCrs = "bbox-crs";
    public const string Datetime = "datetime";
    public const string Limit = "limit";
    public const string Offset = "offset";
    public const string Cursor = "cursor";
    public const string Crs = "crs";
    public const string Properties = "properties";
    public const string SortBy = "sortby";
    public const string Filter = "filter";
    public const string FilterLang = "filter-lang";
    public const string FilterCrs = "filter-crs";
    public const string Format = "f";
}

public static class HeaderNames
{
    public const string ContentCrs = "Content-Crs";
}

/// <summary>The conformance classes this server implements (OGC 17-069r4, 18-058r1, 19-079r2, 21-065r2).
/// T_INTERSECTS is supported on its own, so the full temporal-functions class is not claimed.</summary>
public static class ConformanceClasses
{
    public static readonly IReadOnlyList<string> All =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/sorting",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
        "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
        // OGC API – Tiles 1.0 (20-057) and the tile matrix set standard (17-083r4) it uses; datetime as items take it.
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/datetime",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
        "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
        "http://www.opengis.net/spec/tms/2.0/conf/tilesetmetadata",
        "http://www.opengis.net/spec/tms/2.0/conf/json-tilesetmetadata",
        "http://www.opengis.net/spec/tms/2.0/conf/tilematrixsetlimits",
        "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixsetlimits",
    ];
}
