using Microsoft.EntityFrameworkCore;

namespace Map.Data.Connections;

/// <summary>
/// The model on the read path (<see cref="ReadDatabase"/>: a standby when there is one). It never saves: a standby
/// refuses writes, and a handler that takes this context says by its signature that it only reads.
/// </summary>
public sealed class MapReadDbContext(DbContextOptions<MapReadDbContext> options) : MapDbContext(options)
{
    public override int SaveChanges(bool acceptAllChangesOnSuccess) => throw ReadOnly();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) => throw ReadOnly();

    private static InvalidOperationException ReadOnly() =>
        new("MapReadDbContext reads from the standbys; write through MapDbContext (the primary).");
}
