using Map.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

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

    /// <summary>
    /// No index per foreign key by convention: the only one (features.actor_id) would be maintained on every import
    /// for a check that runs when an actor is deleted, and an actor filter is not selective within a layer.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Remove<ForeignKeyIndexConvention>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        // Trigram indexes for name search (Search/SearchSql.cs).
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MapDbContext).Assembly);
    }
}
