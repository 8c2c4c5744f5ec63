using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;

namespace Map.Data.Model;

/// <summary>One presence record: who was where, when, how sure we are and who says so.</summary>
/// <remarks>
/// Stored in <c>features</c>, partitioned by layer: each layer's rows live in a table of their own with their own indexes
/// and statistics (see the PartitionedFeatures migration). The key is (LayerId, Id): an id is unique within its layer,
/// which is how the API addresses a feature (/collections/{layer}/items/{id}).
/// </remarks>
public class Feature
{
    public required string Id { get; set; }
    /// <summary>The partition key. No foreign key: a layer's partition is created with the layer and dropped with it,
    /// and there is no default partition, so a row for a layer that does not exist is refused by construction.</summary>
    public required string LayerId { get; set; }
    public string? ActorId { get; set; }
    public required string Name { get; set; }
    public string? NameAr { get; set; }
    public required string Kind { get; set; }
    /// <summary>SRID 4326, any geometry type.</summary>
    public required Geometry Geometry { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>Null means still present / open-ended.</summary>
    public DateOnly? ValidTo { get; set; }
    public DatePrecision DatePrecision { get; set; } = DatePrecision.Day;
    /// <summary>0 to 1.</summary>
    public double Confidence { get; set; }
    /// <summary>True when the position stands for the site rather than marking it exactly.</summary>
    public bool Approximate { get; set; }
    public int? AccuracyMeters { get; set; }
    public List<Source> Sources { get; set; } = [];
    /// <summary>The newest published date among <see cref="Sources"/> (<see cref="Source.NewestPublished"/>); null when none is dated.</summary>
    public DateOnly? LastConfirmed { get; set; }
    /// <summary>Actor ids of the forces an encounter (or joint line) involves; empty for a single-actor record.</summary>
    public List<string> Parties { get; set; } = [];
    public string? Notes { get; set; }
    /// <summary>An earlier record of the same site, e.g. held by another force before a handover.</summary>
    /// <remarks>
    /// Not a foreign key: on a table partitioned by layer a unique key must include the layer, so a reference to an id
    /// alone cannot be declared. The seeder refuses unknown predecessors (the seeded dataset keeps ids unique across
    /// layers); imports never set it.
    /// </remarks>
    public string? PredecessorId { get; set; }
    /// <summary>Attributes that do not fit the model, kept with their original names.</summary>
    public JsonObject Properties { get; set; } = [];
    /// <summary>The import that wrote this feature; null for features from the seed in geodata/.</summary>
    public Guid? ImportId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public Actor? Actor { get; set; }
}

public enum DatePrecision { Day, Month, Year }
