using Map.Import;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Map.Web.Imports;

public static class ImportsRegistration
{
    /// <summary>The upload door of the shapefile import: options, the pipeline and the background job runner.</summary>
    public static IServiceCollection AddMapImports(this IServiceCollection services)
    {
        services.AddOptions<ImportsOptions>().BindConfiguration(ImportsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ImportPipeline>();
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        return services;
    }
}
