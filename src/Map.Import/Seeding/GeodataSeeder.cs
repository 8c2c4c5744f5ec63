using Map.Data;
using Map.Data.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Map.Import.Seeding;

/// <summary>
/// Makes the database hold exactly what geodata/ says, in one transaction: rows are added, changed or removed only
/// where the files differ, so seeding twice changes nothing. Features written by imports are left alone.
/// </summary>
/// <remarks>
/// A writer of layers like any import, it follows <see cref="ImportService"/>'s write protocol: it takes the write lock
/// of every layer it seeds before it writes (so it waits for a running import of one, and an import waits for it), and
/// leaves fresh statistics on every layer whose features it changed. Layer partitions and feature counts follow from
/// the database's own triggers: a new layer row gets its partition, and every feature row written is counted.
/// </remarks>
public sealed class GeodataSeeder(MapDbContext db, TimeProvider clock)
{
    /// <summary>Serialises concurrent seeders (two app instances starting at once).</summary>
    private const long AdvisoryLockKey = 0x4D61705365656400;

    public async Task<SeedReport> SeedAsync(GeodataFiles files, CancellationToken ct = default)
    {
        var layers = files.ReadLayers();
        var actors = files.ReadActors();
        var regions = files.ReadRegions();
        var features = layers.ToDictionary(
            l => l.Layer.Id,
            l => GeodataFiles.ReadFeatureCollection(l.Path)
                .Select(r => FeatureRecordMapper.ToFeature(r, l.Layer.Id, l.FeatureDefaults)).ToList());
        CheckReferences(actors, features.Values.SelectMany(f => f).ToList());

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await ImportService.LockLayersForWriteAsync(connection, layers.Select(l => l.Layer.Id), ct);
        var now = clock.GetUtcNow();
        var report = new SeedReport
        {
            Actors = await Sync(db.Actors, actors, a => a.Id, ct),
            Regions = await Sync(db.Regions, regions, r => r.Id, ct),
        };

        var existingLayers = await db.Layers.ToDictionaryAsync(l => l.Id, ct);
        // New layers first: a layer's row makes its partition (a trigger on layers), which its features then go into.
        foreach (var file in layers.Where(f => !existingLayers.ContainsKey(f.Layer.Id)))
        {
            file.Layer.UpdatedAt = now;
            db.Layers.Add(file.Layer);
            report.Layers.Added++;
        }
        await db.SaveChangesAsync(ct);

        var changedFeatures = new List<string>();
        foreach (var file in layers)
        {
            var layerId = file.Layer.Id;
            var existing = await db.Features.Where(f => f.LayerId == layerId && f.ImportId == null).ToListAsync(ct);
            var featureCounts = SyncFeatures(existing, features[layerId], now);
            report.Features.Add(featureCounts);
            if (featureCounts.Touched > 0) changedFeatures.Add(layerId);

            if (!existingLayers.TryGetValue(layerId, out var layer)) continue;
            (file.Layer.UpdatedAt, file.Layer.FeatureCount) = (layer.UpdatedAt, layer.FeatureCount);
            // Publishing is the operator's call (./map layers publish|unpublish): only a new layer takes it from the file.
            file.Layer.Published = layer.Published;
            db.Entry(layer).CurrentValues.SetValues(file.Layer);
            if (db.Entry(layer).State == EntityState.Modified || featureCounts.Touched > 0)
            {
                layer.UpdatedAt = now;
                report.Layers.Changed++;
            }
            else report.Layers.Unchanged++;
        }

        await db.SaveChangesAsync(ct);
        await ImportService.RefreshStatisticsAsync(connection, changedFeatures, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return report;
    }

    private SeedCounts SyncFeatures(List<Feature> existing, List<Feature> wanted, DateTimeOffset now)
    {
        var counts = new SeedCounts();
        var byId = existing.ToDictionary(f => f.Id);
        foreach (var feature in wanted)
        {
            if (byId.Remove(feature.Id, out var current))
            {
                feature.CreatedAt = current.CreatedAt;
                feature.UpdatedAt = current.UpdatedAt;
                db.Entry(current).CurrentValues.SetValues(feature);
                if (db.Entry(current).State == EntityState.Modified) { current.UpdatedAt = now; counts.Changed++; }
                else counts.Unchanged++;
            }
            else
            {
                feature.CreatedAt = feature.UpdatedAt = now;
                db.Features.Add(feature);
                counts.Added++;
            }
        }
        db.Features.RemoveRange(byId.Values);
        counts.Removed = byId.Count;
        return counts;
    }

    private static async Task<SeedCounts> Sync<T>(DbSet<T> set, IReadOnlyList<T> wanted, Func<T, string> key, CancellationToken ct)
        where T : class
    {
        var counts = new SeedCounts();
        var current = (await set.ToListAsync(ct)).ToDictionary(key);
        foreach (var item in wanted)
        {
            if (current.TryGetValue(key(item), out var row))
            {
                var entry = set.Entry(row);
                entry.CurrentValues.SetValues(item);
                if (entry.State == EntityState.Modified) counts.Changed++; else counts.Unchanged++;
            }
            else
            {
                set.Add(item);
                counts.Added++;
            }
        }
        return counts;
    }

    private static void CheckReferences(IReadOnlyList<Actor> actors, IReadOnlyList<Feature> features)
    {
        var actorIds = actors.Select(a => a.Id).ToHashSet();
        var featureIds = new HashSet<string>();
        foreach (var f in features)
        {
            if (!featureIds.Add(f.Id)) throw new GeodataException(f.LayerId, $"feature id '{f.Id}' is used twice");
            if (f.ActorId is not null && !actorIds.Contains(f.ActorId))
                throw new GeodataException(f.LayerId, $"feature '{f.Id}': unknown actor '{f.ActorId}'");
            if (f.Parties.FirstOrDefault(p => !actorIds.Contains(p)) is { } party)
                throw new GeodataException(f.LayerId, $"feature '{f.Id}': unknown party '{party}'");
        }
        foreach (var f in features.Where(f => f.PredecessorId is not null && !featureIds.Contains(f.PredecessorId)))
            throw new GeodataException(f.LayerId, $"feature '{f.Id}': unknown predecessor '{f.PredecessorId}'");
    }
}

public sealed class SeedReport
{
    public SeedCounts Actors { get; init; } = new();
    public SeedCounts Regions { get; init; } = new();
    public SeedCounts Layers { get; } = new();
    public SeedCounts Features { get; } = new();

    public bool ChangedAnything => Actors.Touched + Regions.Touched + Layers.Touched + Features.Touched > 0;

    public override string ToString() =>
        $"actors {Actors}; regions {Regions}; layers {Layers}; features {Features}";
}

public sealed class SeedCounts
{
    public int Added { get; set; }
    public int Changed { get; set; }
    public int Removed { get; set; }
    public int Unchanged { get; set; }
    public int Touched => Added + Changed + Removed;

    public void Add(SeedCounts other)
    {
        Added += other.Added; Changed += other.Changed; Removed += other.Removed; Unchanged += other.Unchanged;
    }

    public override string ToString() => $"+{Added} ~{Changed} -{Removed} ={Unchanged}";
}
