using System.Text.Json;
using Map.Data.Model;
using Map.Web.Ogc;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Map.Web.GeoJson;

/// <summary>Writes presence records as RFC 7946 features: model fields first, free-form properties after them.</summary>
public static class FeatureJsonWriter
{
    public static readonly JsonSerializerOptions GeometryOptions = new()
    {
        Converters = { new GeoJsonConverterFactory() },
    };

    public static void WriteFeature(Utf8JsonWriter json, Feature feature, IReadOnlyList<Link>? links = null)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteString("id", feature.Id);
        json.WritePropertyName("geometry");
        WriteGeometry(json, feature.Geometry);
        json.WritePropertyName("properties");
        WriteProperties(json, feature);
        if (links is not null)
        {
            json.WritePropertyName("links");
            JsonSerializer.Serialize(json, links, JsonSerializerOptions.Web);
        }
        json.WriteEndObject();
    }

    public static void WriteGeometry(Utf8JsonWriter json, Geometry geometry) =>
        JsonSerializer.Serialize(json, geometry, GeometryOptions);

    private static void WriteProperties(Utf8JsonWriter json, Feature f)
    {
        json.WriteStartObject();
        json.WriteString("layer", f.LayerId);
        json.WriteString("name", f.Name);
        WriteStringOrNull(json, "nameAr", f.NameAr);
        WriteStringOrNull(json, "actor", f.ActorId);
        json.WriteString("kind", f.Kind);
        json.WriteString("validFrom", f.ValidFrom.ToString("yyyy-MM-dd"));
        WriteStringOrNull(json, "validTo", f.ValidTo?.ToString("yyyy-MM-dd"));
        json.WriteString("datePrecision", f.DatePrecision.ToString().ToLowerInvariant());
        json.WriteNumber("confidence", f.Confidence);
        json.WriteBoolean("approximate", f.Approximate);
        if (f.AccuracyMeters is { } accuracy) json.WriteNumber("accuracyMeters", accuracy);
        else json.WriteNull("accuracyMeters");
        json.WriteStartArray("sources");
        foreach (var source in f.Sources)
        {
            json.WriteStartObject();
            json.WriteString("title", source.Title);
            json.WriteString("url", source.Url);
            WriteStringOrNull(json, "published", source.Published);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteStringOrNull(json, "notes", f.Notes);
        WriteStringOrNull(json, "predecessor", f.PredecessorId);
        foreach (var (name, value) in f.Properties)
        {
            if (Map.Data.Seeding.FeatureRecordMapper.ModelProperties.Contains(name) || name == "layer") continue;
            json.WritePropertyName(name);
            if (value is null) json.WriteNullValue(); else value.WriteTo(json);
        }
        json.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteString(name, value);
    }
}
