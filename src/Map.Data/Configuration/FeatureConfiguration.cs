using Map.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Map.Data.Configuration;

internal sealed class FeatureConfiguration : IEntityTypeConfiguration<Feature>
{
    public void Configure(EntityTypeBuilder<Feature> feature)
    {
        feature.ToTable("features", t =>
        {
            t.HasCheckConstraint("ck_features_confidence", "confidence >= 0 AND confidence <= 1");
            t.HasCheckConstraint("ck_features_valid_range", "valid_to IS NULL OR valid_from <= valid_to");
        });
        feature.Property(f => f.Id).HasMaxLength(200);
        feature.Property(f => f.Kind).HasMaxLength(64);
        feature.Property(f => f.Geometry).HasColumnType("geometry(Geometry,4326)");
        feature.Property(f => f.DatePrecision).HasConversion<string>().HasMaxLength(8);
        feature.Property(f => f.Sources).HasColumnType("jsonb")
            .HasConversion(JsonColumn.SourcesConverter, JsonColumn.SourcesComparer);
        feature.Property(f => f.Parties).HasColumnType("text[]").HasDefaultValueSql("'{}'::text[]").ValueGeneratedNever();
        feature.Property(f => f.Properties).HasColumnType("jsonb")
            .HasConversion(JsonColumn.ObjectConverter, JsonColumn.ObjectComparer);

        feature.HasOne(f => f.Layer).WithMany().HasForeignKey(f => f.LayerId).OnDelete(DeleteBehavior.Cascade);
        feature.HasOne(f => f.Actor).WithMany().HasForeignKey(f => f.ActorId).OnDelete(DeleteBehavior.Restrict);
        feature.HasOne<Feature>().WithMany().HasForeignKey(f => f.PredecessorId).OnDelete(DeleteBehavior.SetNull);

        feature.HasIndex(f => f.Geometry).HasMethod("gist");
        // Keyset paging walks (layer_id, id); the time filter reads the valid range.
        feature.HasIndex(f => new { f.LayerId, f.Id });
        feature.HasIndex(f => new { f.LayerId, f.ValidFrom, f.ValidTo });
    }
}
