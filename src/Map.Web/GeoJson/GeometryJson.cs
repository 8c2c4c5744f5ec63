using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Map.Web.GeoJson;

/// <summary>
/// Geometries read from or written to request and response JSON (CQL2 JSON literals, regions). Features themselves
/// are written as GeoJSON text by PostgreSQL (see Map.Data.Queries.FeatureSql).
/// </summary>
public static class GeometryJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new GeoJsonConverterFactory() },
    };

    public static void Write(Utf8JsonWriter json, Geometry geometry) => JsonSerializer.Serialize(json, geometry, Options);
}
