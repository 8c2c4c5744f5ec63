using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Map.Data.Model;

namespace Map.Import.Seeding;

/// <summary>Turns a GeoJSON feature of geodata/ into a presence record, refusing records that lack what the model requires.</summary>
public static class FeatureRecordMapper
{
    /// <summary>Property names the model owns; every other property is kept in the free-form properties.</summary>
    public static readonly IReadOnlySet<string> ModelProperties = new HashSet<string>
    {
        "name", "nameAr", "actor", "kind", "validFrom", "validTo", "datePrecision", "confidence",
        "approximate", "accuracyMeters", "sources", "notes", "predecessor", "parties", "lastConfirmed",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Feature ToFeature(GeoJsonRecord record, string layerId, JsonObject defaults)
    {
        var properties = (JsonObject)defaults.DeepClone();
        foreach (var (key, value) in record.Properties) properties[key] = value?.DeepClone();
        var r = record with { Properties = properties };

        var validFrom = ParseDate(r, "validFrom") ?? throw r.Invalid("validFrom is required");
        var validTo = ParseDate(r, "validTo");
        if (validTo < validFrom) throw r.Invalid("validTo is before validFrom");
        var confidence = properties["confidence"]?.GetValue<double>() ?? throw r.Invalid("confidence is required");
        if (confidence is < 0 or > 1) throw r.Invalid("confidence must be between 0 and 1");
        var sources = properties["sources"]?.Deserialize<List<Source>>(Json) ?? [];
        if (sources.Count == 0 || sources.Any(s => string.IsNullOrWhiteSpace(s.Url)))
            throw r.Invalid("at least one source with a URL is required");

        return new Feature
        {
            Id = r.Id,
            LayerId = layerId,
            ActorId = r.String("actor"),
            Name = r.String("name") ?? throw r.Invalid("name is required"),
            NameAr = r.String("nameAr"),
            Kind = r.String("kind") ?? throw r.Invalid("kind is required"),
            Geometry = r.Geometry,
            ValidFrom = validFrom,
            ValidTo = validTo,
            DatePrecision = Enum.TryParse<DatePrecision>(r.String("datePrecision") ?? "day", true, out var p)
                ? p : throw r.Invalid("datePrecision must be day, month or year"),
            Confidence = confidence,
            Approximate = properties["approximate"]?.GetValue<bool>() ?? false,
            AccuracyMeters = properties["accuracyMeters"]?.GetValue<int?>(),
            Sources = sources,
            LastConfirmed = Source.NewestPublished(sources),
            Parties = properties["parties"]?.Deserialize<List<string>>(Json) ?? [],
            Notes = r.String("notes"),
            PredecessorId = r.String("predecessor"),
            Properties = new JsonObject(properties
                .Where(kv => !ModelProperties.Contains(kv.Key))
                .Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))),
        };
    }

    private static DateOnly? ParseDate(GeoJsonRecord r, string name)
    {
        var text = r.String(name);
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw r.Invalid($"{name} '{text}' is not a YYYY-MM-DD date");
    }
}
