using Map.Data;
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

    /// <summary>The main pool (EF Core, health, imports) from ConnectionStrings:Map, sized and timed by "Map:Database".</summary>
    public static WebApplicationBuilder AddMapDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMapData(sp => Database(sp).MainConnectionString(ConnectionString(sp)));
        return builder;
    }

    /// <summary>The read pool's connection string (the items API's FeatureStore).</summary>
    public static string ReadConnectionString(IServiceProvider services) => Database(services).ReadConnectionString(ConnectionString(services));

    private static DatabaseOptions Database(IServiceProvider services) => services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString("Map")
        ?? throw new InvalidOperationException("ConnectionStrings:Map is not set (env ConnectionStrings__Map).");

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
