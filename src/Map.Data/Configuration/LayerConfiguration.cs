using Map.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Map.Data.Configuration;

internal sealed class LayerConfiguration : IEntityTypeConfiguration<Layer>
{
    public void Configure(EntityTypeBuilder<Layer> layer)
    {
        layer.ToTable("layers");
        layer.Property(l => l.Id).HasMaxLength(64);
        layer.Property(l => l.GeometryKind).HasConversion<string>().HasMaxLength(16);
        layer.Property(l => l.Role).HasConversion<string>().HasMaxLength(16);
        // New layers (an import, a raw INSERT) are not public until someone publishes them.
        layer.Property(l => l.Published).HasDefaultValue(false).ValueGeneratedNever();
        layer.Property(l => l.Style).HasColumnType("jsonb")
            .HasConversion(JsonColumn.ObjectConverter, JsonColumn.ObjectComparer);
        // Written only by the database (trigger on features, partition swap), read by EF Core.
        var count = layer.Property(l => l.FeatureCount).HasDefaultValue(0L).ValueGeneratedOnAddOrUpdate().Metadata;
        count.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        count.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
    }
}
