using Map.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Map.Data;

/// <remarks>
/// Migrations live in Migrations/ and are created with
/// <c>dotnet ef migrations add &lt;Name&gt; --project src/Map.Data --startup-project src/Map.Web</c>.
/// </remarks>
public class MapDbContext : DbContext
{
    public MapDbContext(DbContextOptions<MapDbContext> options) : base(options) { }

    /// <summary>For <see cref="Connections.MapReadDbContext"/>: the same model on another connection.</summary>
    protected MapDbContext(DbContextOptions options) : base(options) { }

    public DbSet<Layer> Layers => Set<Layer>();
    public DbSet<Actor> Actors => Set<Actor>();
    public DbSet<Feature> Features => Set<Feature>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<ImportRecord> Imports => Set<ImportRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MapDbContext).Assembly);
    }
}
