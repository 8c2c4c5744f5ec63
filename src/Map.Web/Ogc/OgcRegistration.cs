using Map.Data.Queries;
using Map.Web.Conformance;
using Map.Web.Landing;
using Map.Web.OpenApi;
using Map.Web.Queryables;

namespace Map.Web.Ogc;

public static class OgcRegistration
{
    /// <summary>The feature store (features as GeoJSON text built by PostgreSQL), the layer extents kept per stamp, and the OpenAPI document.</summary>
    public static IServiceCollection AddOgcApi(this IServiceCollection services) =>
        services.AddSingleton(sp => new FeatureStore(Hosting.HostingRegistration.ReadConnectionString(sp)))
            .AddSingleton<Collections.LayerExtentCache>()
            .ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = OgcJson.Options.Encoder)
            .AddMapOpenApi();

    /// <summary>The OGC API – Features resources beside collections and items.</summary>
    public static IEndpointRouteBuilder MapOgcApi(this IEndpointRouteBuilder routes)
    {
        routes.MapLandingApi();
        routes.MapConformanceApi();
        routes.MapQueryablesApi();
        routes.MapMapOpenApi();
        return routes;
    }
}
