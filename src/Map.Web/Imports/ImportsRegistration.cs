using Map.Import;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Map.Web.Imports;

public static class ImportsRegistration
{
    /// <summary>The upload door of the import service: options, the service and the worker that runs queued imports.</summary>
    public static IServiceCollection AddMapImports(this IServiceCollection services)
    {
        services.AddOptions<ImportsOptions>().BindConfiguration(ImportsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ImportService>();
        services.AddHostedService<ImportWorker>();
        return services;
    }
}
