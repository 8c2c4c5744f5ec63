using Npgsql;

namespace Map.Web.Health;

public static class HealthRegistration
{
    /// <summary>/health answers 200 only when PostGIS answers a query.</summary>
    public static IServiceCollection AddMapHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), "SELECT postgis_version()", name: "postgis");
        return services;
    }

    public static void MapMapHealth(this IEndpointRouteBuilder routes) => routes.MapHealthChecks("/health");
}
