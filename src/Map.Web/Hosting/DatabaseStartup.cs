using Map.Data;
using Map.Import.Seeding;
using Map.Web.Problems;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Map.Web.Hosting;

public static partial class DatabaseStartup
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits for the database (a container or a cluster that starts beside the app), then applies pending migrations
    /// and seeds geodata/ before the app takes requests, as configured.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MapOptions>>().Value;
        await WaitForDatabaseAsync(app.Services.GetRequiredService<NpgsqlDataSource>(),
            app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value, app.Logger, app.Lifetime.ApplicationStopping);
        if (options.MigrateOnStart) await MigrateAsync(app);
        if (options.SeedOnStart)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MapDbContext>();
            var geodata = RepositoryLayout.Resolve(options.GeodataPath, "geodata", app.Environment.ContentRootPath);
            var report = await new GeodataSeeder(db, TimeProvider.System).SeedAsync(new GeodataFiles(geodata));
            LogSeeded(app.Logger, geodata, report);
        }
    }

    /// <summary>
    /// Applies pending migrations as the database's owner when ConnectionStrings:MapOwner is set (./map sets it to
    /// map_owner), so that the app's own sessions (ConnectionStrings:Map, the writer) need no right to change the schema;
    /// without it, as ConnectionStrings:Map.
    /// </summary>
    private static async Task MigrateAsync(WebApplication app)
    {
        if (app.Configuration.GetConnectionString(OwnerConnectionName) is not { Length: > 0 } owner)
        {
            await MapSchema.MigrateAsync(app.Services.GetRequiredService<NpgsqlDataSource>());
            return;
        }
        await using var dataSource = MapDataRegistration.CreateDataSource(owner);
        await MapSchema.MigrateAsync(dataSource);
    }

    /// <summary>The connection string of the role that owns the schema (migrations only).</summary>
    public const string OwnerConnectionName = "MapOwner";

    /// <summary>
    /// Retries while the database is unreachable or starting up (pauses of 0.5 s doubling to 5 s, for at most
    /// Map:Database:StartupWaitSeconds), saying so in the log; a database that refuses the login or does not exist
    /// fails at once, as retrying would not help.
    /// </summary>
    public static async Task WaitForDatabaseAsync(NpgsqlDataSource dataSource, DatabaseOptions options, ILogger logger, CancellationToken ct)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var where = $"{settings.Host}:{settings.Port}/{settings.Database}";
        var limit = TimeSpan.FromSeconds(options.StartupWaitSeconds);
        var started = TimeProvider.System.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(ct);
                if (attempt > 1) LogReachable(logger, where, attempt, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
                return;
            }
            catch (Exception e) when (DatabaseFailures.Classify(e) is not null)
            {
                var waited = TimeProvider.System.GetElapsedTime(started);
                var reason = e.GetBaseException().Message;
                if (waited + pause > limit)
                    throw new InvalidOperationException(
                        $"PostgreSQL at {where} did not answer within {limit.TotalSeconds:0} s ({reason}). " +
                        "Start it (./map db start) or check ConnectionStrings:Map.", e);
                LogWaiting(logger, where, reason, pause.TotalSeconds, attempt, waited.TotalSeconds, limit.TotalSeconds);
                await Task.Delay(pause, ct);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL at {where} refused the connection: {e.MessageText} (SQLSTATE {e.SqlState}). Check ConnectionStrings:Map.", e);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning,
        "PostgreSQL at {Where} is not answering yet ({Reason}); retrying in {Pause:0.#} s (attempt {Attempt}, {Waited:0.#} s of {Limit:0} s)")]
    private static partial void LogWaiting(ILogger logger, string where, string reason, double pause, int attempt, double waited, double limit);

    [LoggerMessage(LogLevel.Information, "PostgreSQL at {Where} answered after {Attempts} attempts ({Waited:0.#} s)")]
    private static partial void LogReachable(ILogger logger, string where, int attempts, double waited);

    [LoggerMessage(LogLevel.Information, "Seeded {Geodata}: {Report}")]
    private static partial void LogSeeded(ILogger logger, string geodata, SeedReport report);
}
