using Map.Data.Queries;
using Map.Web.Conformance;
using Map.Web.Landing;
using Map.Web.OpenApi;
using Map.Web.Queryables;

namespace Map.Web.Ogc;

public static class OgcRegistration
{
    /// <summary>The layer extents kept per stamp, and the OpenAPI document (the feature store comes with the read data source).</summary>
    public static IServiceCollection AddOgcApi(this IServiceCollection services) =>
        services.AddSingleton<Collections.LayerExtentCache>()
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
