using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;

namespace Map.Web.Health;

/// <summary>
/// /health/live: the process answers (no check; an orchestrator restarts the app when this fails). /health/ready:
/// PostGIS answers a query (a load balancer stops sending requests while it fails). /health is ready's old name.
/// </summary>
public static class HealthRegistration
{
    private const string Ready = "ready";

    public static IServiceCollection AddMapHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), "SELECT postgis_version()",
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
