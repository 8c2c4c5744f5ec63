using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>The connection string is read when the data source is first needed, so hosts and tests can still change configuration.</summary>
    public static IServiceCollection AddMapData(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddSingleton(sp => CreateDataSource(connectionString(sp)));
        services.AddDbContext<MapDbContext>((sp, options) => Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));
        return services;
    }
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
