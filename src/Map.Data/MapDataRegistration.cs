using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using Map.Data.Connections;
using Map.Data.Queries;
using Npgsql;

namespace Map.Data;

public static class MapDataRegistration
{
    /// <summary>One data source for the process: Npgsql with the NetTopologySuite plugin, shared by EF Core and raw queries.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        return builder.Build();
    }

    public static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.UseNetTopologySuite().MigrationsHistoryTable("__ef_migrations"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// The two paths to the database, each visible in the types that take it. Writes (imports, seeding, migrations,
    /// job status): the unkeyed <see cref="NpgsqlDataSource"/> and <see cref="MapDbContext"/>, on the primary. Reads:
    /// <see cref="ReadDatabase"/>, <see cref="FeatureStore"/> and <see cref="MapReadDbContext"/>, on the standbys when there
    /// are any (<see cref="ConnectionRouting"/>), on the request's pinned connection when it must see its own write.
    /// The connection strings are read when first needed, so hosts and tests can still change configuration.
    /// </summary>
    public static IServiceCollection AddMapData(
        this IServiceCollection services, Func<IServiceProvider, string> writeConnectionString, Func<IServiceProvider, string> readConnectionString)
    {
        services.AddSingleton(sp => CreateDataSource(writeConnectionString(sp)));
        services.AddDbContext<MapDbContext>((sp, options) => Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));

        services.AddSingleton(sp => new ReadDatabase(readConnectionString(sp)));
        services.AddScoped<ReadSession>();
        services.AddScoped<FeatureStore>();
        services.AddDbContext<MapReadDbContext>((sp, options) =>
        {
            options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            if (sp.GetRequiredService<ReadSession>().Pinned is { } pinned) Configure(options, pinned);
            else Configure(options, sp.GetRequiredService<ReadDatabase>().Standbys);
        });
        return services;
    }

    private static void Configure(DbContextOptionsBuilder options, NpgsqlConnection connection) =>
        options
            .UseNpgsql(connection, npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention();
}

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MapDbContext>
{
    public MapDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MapDbContext>();
        MapDataRegistration.Configure(options,
            MapDataRegistration.CreateDataSource("Host=127.0.0.1;Port=55432;Username=postgres;Database=map"));
        return new MapDbContext(options.Options);
    }
}
