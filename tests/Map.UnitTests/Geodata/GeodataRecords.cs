using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Map.Data.Model;
using Map.Import.Seeding;
using Map.Web.Hosting;
using NetTopologySuite.Geometries;

namespace Map.UnitTests.Geodata;

/// <summary>The repository's geodata/ read once through the seed path (GeodataFiles + FeatureRecordMapper), shared by the dataset tests.</summary>
public static class GeodataRecords
{
    public static readonly GeodataFiles Files = new(Path.Combine(
        RepositoryLayout.FindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("no repository root"), "geodata"));

    private static readonly Lazy<List<(Feature Feature, GeoJsonRecord Raw)>> PresenceRecords = new(() => Files.ReadLayers()
        .Where(l => l.Layer.Role == LayerRole.Presence)
        .SelectMany(l => GeodataFiles.ReadFeatureCollection(l.Path)
            .Select(r => (FeatureRecordMapper.ToFeature(r, l.Layer.Id, l.FeatureDefaults), r)))
        .ToList());

    private static readonly Lazy<Dictionary<string, Region>> RegionsById = new(() => Files.ReadRegions().ToDictionary(r => r.Id));

    private static readonly Lazy<Dictionary<string, Geometry>> CountriesByIso = new(() =>
        GeodataFiles.ReadFeatureCollection(Path.Combine(Files.Root, "basemap", "countries.geojson"))
            .ToDictionary(c => c.String("iso") ?? throw c.Invalid("no iso"), c => c.Geometry));

    private static readonly Lazy<JsonObject> DatasetFile = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Files.Root, "dataset.json")))!.AsObject());

    private static readonly Lazy<List<Feature>> PresenceFeatures = new(() => PresenceRecords.Value.Select(p => p.Feature).ToList());

    public static IReadOnlyList<Feature> Presence => PresenceFeatures.Value;

    /// <summary>Each record with the feature as written in its file (source entries keep fields the model does not read, e.g. role).</summary>
    public static IReadOnlyList<(Feature Feature, GeoJsonRecord Raw)> WithRaw => PresenceRecords.Value;

    public static IReadOnlyDictionary<string, Region> Regions => RegionsById.Value;

    /// <summary>Natural Earth country polygons of the basemap by ISO alpha-3 (de facto lines: the occupied Golan is inside ISR).</summary>
    public static IReadOnlyDictionary<string, Geometry> Countries => CountriesByIso.Value;

    /// <summary>The date the dataset is stated to be current to (geodata/dataset.json "asOf").</summary>
    public static DateOnly AsOf => DateOnly.ParseExact((string)DatasetFile.Value["asOf"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? String(this Feature f, string property) =>
        f.Properties[property] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    public static bool Flag(this Feature f, string property) =>
        f.Properties[property] is JsonValue v && v.TryGetValue(out bool b) && b;

    public static IReadOnlyList<string> Strings(this Feature f, string property) =>
        f.Properties[property] is JsonArray a ? a.Select(n => n?.GetValue<string>() ?? "").ToList() : [];

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static T ReadJson<T>(string fileName) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(Files.Root, fileName)), WebJson)
        ?? throw new InvalidOperationException($"{fileName} is empty");
}
