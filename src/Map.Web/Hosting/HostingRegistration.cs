using Map.Data;
using Map.Data.Connections;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Map.Web.Hosting;

public static class HostingRegistration
{
    public static WebApplicationBuilder AddMapOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MapOptions>().BindConfiguration(MapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// The two data sources, sized and timed by "Map:Database": the write pool (EF Core's MapDbContext, imports,
    /// seeding, migrations) on ConnectionStrings:Map, and the read pool (FeatureStore, MapReadDbContext, readiness) on
    /// ConnectionStrings:MapRead, the standbys, or on ConnectionStrings:Map when that is not set (<see cref="ConnectionRouting"/>).
    /// </summary>
    public static WebApplicationBuilder AddMapDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMapData(
            sp => Database(sp).MainConnectionString(ConnectionRouting.Write(WriteConnectionString(sp))),
            sp => Database(sp).ReadConnectionString(ConnectionRouting.Read(WriteConnectionString(sp), ReadConnectionString(sp))));
        return builder;
    }

    private static DatabaseOptions Database(IServiceProvider services) => services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

    private static string WriteConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionRouting.WriteName)
        ?? throw new InvalidOperationException("ConnectionStrings:Map is not set (env ConnectionStrings__Map).");

    private static string? ReadConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionRouting.ReadName);

    /// <summary>Serves the map page from the repository's wwwroot/ (not the project folder), so one copy serves every host.</summary>
    public static WebApplication UseMapPage(this WebApplication app)
    {
        var configured = app.Configuration[$"{MapOptions.Section}:{nameof(MapOptions.WebRootPath)}"] ?? "";
        var root = RepositoryLayout.Resolve(configured, "wwwroot", app.Environment.ContentRootPath);
        app.Environment.WebRootPath = root;
        app.Environment.WebRootFileProvider = new PhysicalFileProvider(root);
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = MapContentTypes.Provider,
        });
        return app;
    }
}
