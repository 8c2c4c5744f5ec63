using Microsoft.Extensions.Options;

namespace Map.Web.ClientConfig;

/// <summary>Operator options the map page reads at start (GET /client-config): today the optional online tiles.</summary>
public static class ClientConfigApi
{
    public static WebApplicationBuilder AddClientConfig(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BasemapOptions>().BindConfiguration(BasemapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    public static RouteGroupBuilder MapClientConfigApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/client-config").WithTags("Map page");
        group.MapGet("", GetClientConfig).WithName("getClientConfig").WithSummary("Operator options for the map page");
        return group;
    }

    public static ClientConfigDocument GetClientConfig(IOptions<BasemapOptions> basemap) =>
        ClientConfigDocument.From(basemap.Value);
}

public sealed record ClientConfigDocument(TileLayerDocument? OnlineTiles)
{
    public static ClientConfigDocument From(BasemapOptions basemap) => new(
        basemap.TileUrl.Length == 0 ? null : new TileLayerDocument(basemap.TileUrl, basemap.TileAttribution, basemap.TileMaxZoom));
}

public sealed record TileLayerDocument(string Url, string Attribution, int MaxZoom);
