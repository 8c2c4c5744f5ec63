using Map.Import;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Map.Web.Imports;

public static class ImportsRegistration
{
    /// <summary>The upload door of the import service: options, the service and the worker that runs queued imports (from any instance).</summary>
    public static IServiceCollection AddMapImports(this IServiceCollection services)
    {
        services.AddOptions<ImportsOptions>().BindConfiguration(ImportsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ImportsOptions>>().Value.Queue);
        services.AddSingleton<ImportService>();
        services.AddHostedService<ImportWorker>();
        return services;
    }
}
