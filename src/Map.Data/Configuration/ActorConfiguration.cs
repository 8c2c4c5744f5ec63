using Map.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Map.Data.Configuration;

internal sealed class ActorConfiguration : IEntityTypeConfiguration<Actor>
{
    public void Configure(EntityTypeBuilder<Actor> actor)
    {
        actor.ToTable("actors");
        actor.Property(a => a.Id).HasMaxLength(64);
        actor.Property(a => a.Colour).HasMaxLength(32);
    }
}
