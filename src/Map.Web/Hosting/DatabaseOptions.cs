using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Npgsql;

namespace Map.Web.Hosting;

/// <summary>
/// The "Map:Database" section: pool sizes and timeouts, applied to ConnectionStrings:Map and ConnectionStrings:MapRead
/// (which name only the servers, the database and the credentials). The app holds two pools: the read pool
/// (FeatureStore, MapReadDbContext: collections, items, tiles, regions; readiness), on MapRead's standbys when it is set,
/// and the main pool on the primary (MapDbContext: migrations, seeding; imports).
/// </summary>
/// <remarks>
/// Connections per app instance = ReadPoolSize + PoolSize (48 by default); with MapRead, ReadPoolSize on each read
/// host. They must fit PostgreSQL's max_connections minus superuser_reserved_connections (3), with room for
/// `map import` and psql: 200 on the ./map cluster fits 4 instances, the Docker image's default of 100 fits 2.
/// </remarks>
public sealed class DatabaseOptions
{
    public const string Section = "Map:Database";

    /// <summary>Connections of the read pool (items, single features, queryables).</summary>
    [Range(1, 1000)]
    public int ReadPoolSize { get; set; } = 32;

    /// <summary>Connections of the main pool (EF Core, health checks, imports).</summary>
    [Range(1, 1000)]
    public int PoolSize { get; set; } = 16;

    /// <summary>How long to wait for a new connection or a free pooled one; after that the request is a 503.</summary>
    [Range(1, 600)]
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>PostgreSQL's statement_timeout for the read pool: a page (streamed to the client included) takes no longer.</summary>
    [Range(1, 86_400)]
    public int StatementTimeoutSeconds { get; set; } = 30;

    /// <summary>PostgreSQL's lock_timeout for every session: nothing waits longer than this behind a lock (a migration, an import).</summary>
    [Range(1, 86_400)]
    public int LockTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// Npgsql's Command Timeout for the main pool: how long the app waits for the server's answer to a command before
    /// it cancels it (EF Core queries, migrations, the seeder, imports' statements). The read pool waits its statement
    /// timeout plus 5 s, so that PostgreSQL's own cancellation comes first.
    /// </summary>
    [Range(1, 86_400)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>The Retry-After of a 503 answered while the database is unreachable or overloaded.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>How long start-up waits for the database to answer before it gives up (0: try once).</summary>
    [Range(0, 86_400)]
    public int StartupWaitSeconds { get; set; } = 60;

    /// <summary>The main pool's connection string: ConnectionStrings:Map with this section's pool size and timeouts.</summary>
    public string MainConnectionString(string connectionString) =>
        Tuned(connectionString, PoolSize, CommandTimeoutSeconds, statementTimeoutSeconds: null);

    /// <summary>The read pool's connection string, with the statement timeout on top.</summary>
    public string ReadConnectionString(string connectionString) =>
        Tuned(connectionString, ReadPoolSize, StatementTimeoutSeconds + 5, StatementTimeoutSeconds);

    private string Tuned(string connectionString, int poolSize, int commandTimeoutSeconds, int? statementTimeoutSeconds)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = poolSize,
            MinPoolSize = 0,
            Timeout = ConnectTimeoutSeconds,
            CommandTimeout = commandTimeoutSeconds,
        };
        var settings = new List<string> { Setting("lock_timeout", LockTimeoutSeconds) };
        if (statementTimeoutSeconds is { } seconds) settings.Add(Setting("statement_timeout", seconds));
        builder.Options = string.Join(' ', new[] { builder.Options }.Concat(settings).Where(s => !string.IsNullOrWhiteSpace(s)));
        return builder.ConnectionString;

        static string Setting(string name, int seconds) => $"-c {name}={(seconds * 1000).ToString(CultureInfo.InvariantCulture)}";
    }
}
