using Map.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Map.Data;

/// <remarks>
/// Migrations live in Migrations/ and are created with
/// <c>dotnet ef migrations add &lt;Name&gt; --project src/Map.Data --startup-project src/Map.Web</c>.
/// </remarks>
public class MapDbContext(DbContextOptions<MapDbContext> options) : DbContext(options)
{
    public DbSet<Layer> Layers => Set<Layer>();
    public DbSet<Actor> Actors => Set<Actor>();
    public DbSet<Feature> Features => Set<Feature>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<ImportRecord> Imports => Set<ImportRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        // Trigram indexes for name search (Search/SearchSql.cs).
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MapDbContext).Assembly);
    }
}
