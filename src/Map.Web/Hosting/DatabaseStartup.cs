using Map.Data;
using Map.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Map.Web.Hosting;

public static partial class DatabaseStartup
{
    /// <summary>Applies pending migrations and seeds geodata/ before the app takes requests, as configured.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MapOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MapDbContext>();
        if (options.MigrateOnStart) await db.Database.MigrateAsync();
        if (options.SeedOnStart)
        {
            var geodata = RepositoryLayout.Resolve(options.GeodataPath, "geodata", app.Environment.ContentRootPath);
            var report = await new GeodataSeeder(db, TimeProvider.System).SeedAsync(new GeodataFiles(geodata));
            LogSeeded(app.Logger, geodata, report);
        }
    }

    [LoggerMessage(LogLevel.Information, "Seeded {Geodata}: {Report}")]
    private static partial void LogSeeded(ILogger logger, string geodata, SeedReport report);
}
