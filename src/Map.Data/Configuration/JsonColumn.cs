using System.Text.Json;
using System.Text.Json.Nodes;
using Map.Data.Model;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Map.Data.Configuration;

/// <summary>Converters and comparers for the jsonb columns, so change tracking compares content, not references.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static readonly ValueConverter<List<Source>, string> SourcesConverter = new(
        v => JsonSerializer.Serialize(v, Options),
        v => JsonSerializer.Deserialize<List<Source>>(v, Options) ?? new List<Source>());

    public static readonly ValueComparer<List<Source>> SourcesComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (hash, s) => HashCode.Combine(hash, s.GetHashCode())),
        v => v.ToList());

    public static readonly ValueConverter<JsonObject, string> ObjectConverter = new(
        v => v.ToJsonString(Options),
        v => JsonNode.Parse(v, null, default) as JsonObject ?? new JsonObject());

    public static readonly ValueComparer<JsonObject> ObjectComparer = new(
        (a, b) => JsonNode.DeepEquals(a, b),
        v => v.ToJsonString(Options).GetHashCode(),
        v => (JsonObject)v.DeepClone());
}
