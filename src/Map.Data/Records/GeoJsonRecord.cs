using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;

namespace Map.Data.Records;

/// <summary>One GeoJSON feature of geodata/ or of an edit's body, before <see cref="FeatureRecordMapper"/> checks it.</summary>
public sealed record GeoJsonRecord(string File, string Id, Geometry Geometry, JsonObject Properties)
{
    public string? String(string name) => Properties[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    public GeodataException Invalid(string reason) => new(File, $"feature '{Id}': {reason}");
}

public sealed class GeodataException(string file, string reason)
    : Exception($"{System.IO.Path.GetFileName(file)}: {reason}")
{
    public string File { get; } = file;
}
