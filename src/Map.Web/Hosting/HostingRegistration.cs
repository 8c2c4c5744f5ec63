using Map.Data;
using Microsoft.Extensions.FileProviders;

namespace Map.Web.Hosting;

public static class HostingRegistration
{
    public static WebApplicationBuilder AddMapOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MapOptions>().BindConfiguration(MapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    public static WebApplicationBuilder AddMapDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddMapData(sp => sp.GetRequiredService<IConfiguration>().GetConnectionString("Map")
            ?? throw new InvalidOperationException("ConnectionStrings:Map is not set (env ConnectionStrings__Map)."));
        return builder;
    }

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
