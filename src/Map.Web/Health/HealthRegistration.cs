using Map.Data.Connections;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Map.Web.Health;

/// <summary>
/// /health/live: the process answers (no check; an orchestrator restarts the app when this fails). /health/ready:
/// PostGIS answers a query on the read path — a standby, or the primary when there is none or no standby answers — so
/// an instance stays in the load balancer while the primary is down and it can still serve reads (writes are then
/// 503s). /health is ready's old name.
/// </summary>
public static class HealthRegistration
{
    private const string Ready = "ready";

    public static IServiceCollection AddMapHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddNpgSql(sp => sp.GetRequiredService<ReadDatabase>().Standbys, "SELECT postgis_version()",
            name: "postgis", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static void MapMapHealth(this IEndpointRouteBuilder routes)
    {
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) };
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        routes.MapHealthChecks("/health/ready", ready);
        routes.MapHealthChecks("/health", ready);
    }
}
