using Map.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Map.Data.Configuration;

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> import)
    {
        import.ToTable("imports");
        import.Property(i => i.Id).ValueGeneratedNever();
        import.Property(i => i.FileName).HasMaxLength(500);
        import.Property(i => i.LayerId).HasMaxLength(64);
        import.Property(i => i.Mode).HasConversion<string>().HasMaxLength(16);
        import.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        import.Property(i => i.SourceCrs).HasMaxLength(200);
        import.Property(i => i.Encoding).HasMaxLength(100);
        import.Property(i => i.Report).HasColumnType("jsonb")
            .HasConversion(JsonColumn.ObjectConverter, JsonColumn.ObjectComparer);
        import.HasIndex(i => new { i.LayerId, i.StartedAt });
    }
}
