using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Map.Data;

/// <summary>
/// The database schema as this build knows it: whether a database is current, and bringing it up to date. Every host
/// (the web app at start, the CLI before an import, tests) goes through here rather than through EF Core's internals.
/// </summary>
public static class MapSchema
{
    /// <summary>The id of the newest migration in this build (e.g. 20261130064500_PartitionedFeatures).</summary>
    public static string LatestMigration { get; } = typeof(MapDbContext).Assembly.GetTypes()
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
        .OfType<string>()
        .Max(StringComparer.Ordinal) ?? "";

    /// <summary>True when the database has every migration of this build (one cheap query).</summary>
    public static async Task<bool> IsCurrentAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM __ef_migrations WHERE migration_id = @latest)");
        command.Parameters.AddWithValue("latest", LatestMigration);
        try
        {
            return await command.ExecuteScalarAsync(ct) is true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies pending migrations. Building the EF Core model costs a noticeable part of a second, so a database that
    /// is already current is left alone after one query.
    /// </summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        if (await IsCurrentAsync(dataSource, ct)) return;
        var options = new DbContextOptionsBuilder<MapDbContext>();
        MapDataRegistration.Configure(options, dataSource);
        await using var db = new MapDbContext(options.Options);
        await db.Database.MigrateAsync(ct);
    }
}
