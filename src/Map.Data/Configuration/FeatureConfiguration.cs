using Map.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Map.Data.Configuration;

/// <remarks>
/// The table is partitioned by layer_id (one partition per layer), which EF Core cannot express: the migration
/// PartitionedFeatures creates it with SQL, together with the functions of the layer_storage schema that create,
/// replace and drop the partitions. Every index declared here exists on the parent and, identically, on each partition.
/// </remarks>
internal sealed class FeatureConfiguration : IEntityTypeConfiguration<Feature>
{
    public void Configure(EntityTypeBuilder<Feature> feature)
    {
        feature.ToTable("features", t =>
        {
            t.HasCheckConstraint("ck_features_confidence", "confidence >= 0 AND confidence <= 1");
            t.HasCheckConstraint("ck_features_valid_range", "valid_to IS NULL OR valid_from <= valid_to");
        });
        // A partitioned table's unique keys must hold the partition key; paging walks (layer_id, id) in this index.
        feature.HasKey(f => new { f.LayerId, f.Id });
        // Byte (code point) order: the same order as C.UTF-8 on every server, and sorts and compares several times faster.
        feature.Property(f => f.Id).HasMaxLength(200).UseCollation("C");
        feature.Property(f => f.LayerId).HasMaxLength(64);
        feature.Property(f => f.Kind).HasMaxLength(64);
        feature.Property(f => f.PredecessorId).HasMaxLength(200);
        feature.Property(f => f.Geometry).HasColumnType("geometry(Geometry,4326)");
        feature.Property(f => f.DatePrecision).HasConversion<string>().HasMaxLength(8);
        feature.Property(f => f.Sources).HasColumnType("jsonb")
            .HasConversion(JsonColumn.SourcesConverter, JsonColumn.SourcesComparer);
        feature.Property(f => f.Parties).HasColumnType("text[]").HasDefaultValueSql("'{}'::text[]").ValueGeneratedNever();
        feature.Property(f => f.Properties).HasColumnType("jsonb")
            .HasConversion(JsonColumn.ObjectConverter, JsonColumn.ObjectComparer);

        feature.HasOne(f => f.Actor).WithMany().HasForeignKey(f => f.ActorId).OnDelete(DeleteBehavior.Restrict);

        feature.HasIndex(f => f.Geometry).HasMethod("gist");
        // The datetime filter reads the valid range (within the layer's partition, so the layer is not repeated in it).
        feature.HasIndex(f => new { f.ValidFrom, f.ValidTo });
    }
}
