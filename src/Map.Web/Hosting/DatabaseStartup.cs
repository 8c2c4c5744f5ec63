using Map.Data;
using Map.Import.Seeding;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Map.Web.Hosting;

public static partial class DatabaseStartup
{
    /// <summary>Applies pending migrations and seeds geodata/ before the app takes requests, as configured.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MapOptions>>().Value;
        if (options.MigrateOnStart) await MapSchema.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>());
        if (options.SeedOnStart)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MapDbContext>();
            var geodata = RepositoryLayout.Resolve(options.GeodataPath, "geodata", app.Environment.ContentRootPath);
            var report = await new GeodataSeeder(db, TimeProvider.System).SeedAsync(new GeodataFiles(geodata));
            LogSeeded(app.Logger, geodata, report);
        }
    }

    [LoggerMessage(LogLevel.Information, "Seeded {Geodata}: {Report}")]
    private static partial void LogSeeded(ILogger logger, string geodata, SeedReport report);
}
