namespace Map.Web.Tiles;

public static class TilesRegistration
{
    /// <summary>The "Map:Tiles" options (zooms, aggregation, Cache-Control), validated on start.</summary>
    public static IServiceCollection AddMapTiles(this IServiceCollection services)
    {
        services.AddOptions<TilesOptions>().BindConfiguration(TilesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
