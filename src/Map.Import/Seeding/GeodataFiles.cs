using System.Text.Json;
using System.Text.Json.Nodes;
using Map.Data.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Map.Import.Seeding;

/// <summary>Reads the human-reviewable files of geodata/: actors.json, layers.json, regions.geojson, layers/*.geojson, basemap/*.</summary>
public sealed class GeodataFiles(string root)
{
    public string Root { get; } = root;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 4326)) },
    };

    /// <summary>Presence layers from layers.json, basemap layers from basemap/layers.json.</summary>
    public IReadOnlyList<LayerFile> ReadLayers()
    {
        var presence = ReadLayerList(Path.Combine(Root, "layers.json"), LayerRole.Presence, "layers");
        var basemapList = Path.Combine(Root, "basemap", "layers.json");
        var basemap = File.Exists(basemapList) ? ReadLayerList(basemapList, LayerRole.Basemap, "basemap") : [];
        return [.. presence, .. basemap];
    }

    public IReadOnlyList<Actor> ReadActors() =>
        Deserialize<List<ActorRecord>>(Path.Combine(Root, "actors.json"))
            .Select(a => new Actor { Id = a.Id, Name = a.Name, NameAr = a.NameAr ?? "", Colour = a.Colour })
            .ToList();

    public IReadOnlyList<Region> ReadRegions() =>
        ReadFeatureCollection(Path.Combine(Root, "regions.geojson"))
            .Select(f => new Region
            {
                Id = f.Id,
                Name = f.String("name") ?? throw f.Invalid("name is required"),
                NameAr = f.String("nameAr") ?? "",
                Description = f.String("description") ?? "",
                DisplayOrder = (int?)f.Properties["displayOrder"] ?? 0,
                Geometry = f.Geometry,
            })
            .ToList();

    public static IReadOnlyList<GeoJsonRecord> ReadFeatureCollection(string path)
    {
        var collection = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
            ?? throw new GeodataException(path, "not a JSON object");
        if ((string?)collection["type"] != "FeatureCollection")
            throw new GeodataException(path, "not a GeoJSON FeatureCollection");
        var features = collection["features"]?.AsArray() ?? throw new GeodataException(path, "no features array");
        return features.Select((node, index) => ToRecord(path, index, node!.AsObject())).ToList();
    }

    private static GeoJsonRecord ToRecord(string path, int index, JsonObject feature)
    {
        var id = feature["id"]?.ToString();
        if (string.IsNullOrWhiteSpace(id)) throw new GeodataException(path, $"feature #{index + 1} has no id");
        var geometry = feature["geometry"].Deserialize<Geometry>(Json)
            ?? throw new GeodataException(path, $"feature '{id}' has no geometry");
        geometry.SRID = 4326;
        return new GeoJsonRecord(path, id, geometry, feature["properties"]?.AsObject() ?? []);
    }

    private List<LayerFile> ReadLayerList(string path, LayerRole role, string folder) =>
        Deserialize<List<LayerRecord>>(path)
            .Select(l => new LayerFile(
                new Layer
                {
                    Id = l.Id,
                    Title = l.Title,
                    Description = l.Description ?? "",
                    GeometryKind = Enum.Parse<GeometryKind>(l.GeometryKind, ignoreCase: true),
                    Role = role,
                    Style = l.Style ?? [],
                    DisplayOrder = l.DisplayOrder,
                    Published = l.Published ?? true,
                },
                Path.Combine(Root, folder, (l.File ?? l.Id) + ".geojson"),
                l.FeatureDefaults ?? []))
            .ToList();

    private static T Deserialize<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json)
                ?? throw new GeodataException(path, "empty file");
        }
        catch (JsonException e)
        {
            throw new GeodataException(path, e.Message);
        }
    }

    private sealed record ActorRecord(string Id, string Name, string? NameAr, string Colour);

    private sealed record LayerRecord(
        string Id, string Title, string? Description, string GeometryKind, int DisplayOrder,
        JsonObject? Style, string? File, JsonObject? FeatureDefaults, bool? Published);
}

/// <summary>A layer and the file holding its features; defaults fill properties every feature of the file shares (used by basemap files).</summary>
public sealed record LayerFile(Layer Layer, string Path, JsonObject FeatureDefaults);

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
