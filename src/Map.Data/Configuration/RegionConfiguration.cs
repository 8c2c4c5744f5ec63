using Map.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Map.Data.Configuration;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> region)
    {
        region.ToTable("regions");
        region.Property(r => r.Id).HasMaxLength(64);
        region.Property(r => r.Geometry).HasColumnType("geometry(Geometry,4326)");
    }
}
