using Map.Data.Model;
using Map.Import.Seeding;
using Map.Web.Hosting;

namespace Map.UnitTests.Geodata;

/// <summary>The repository's geodata/ read once through the seed path (GeodataFiles + FeatureRecordMapper), shared by the dataset tests.</summary>
public static class GeodataRecords
{
    public static readonly GeodataFiles Files = new(Path.Combine(
        RepositoryLayout.FindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("no repository root"), "geodata"));

    private static readonly Lazy<List<Feature>> PresenceRecords = new(() => Files.ReadLayers()
        .Where(l => l.Layer.Role == LayerRole.Presence)
        .SelectMany(l => GeodataFiles.ReadFeatureCollection(l.Path).Select(r => FeatureRecordMapper.ToFeature(r, l.Layer.Id, l.FeatureDefaults)))
        .ToList());

    private static readonly Lazy<Dictionary<string, Region>> RegionsById = new(() => Files.ReadRegions().ToDictionary(r => r.Id));

    public static IReadOnlyList<Feature> Presence => PresenceRecords.Value;

    public static IReadOnlyDictionary<string, Region> Regions => RegionsById.Value;
}
