using Map.Data;
using Map.Data.Connections;
using Map.Data.Model;
using Map.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Map.Web.ClientConfig;

/// <summary>
/// What the map page reads at start (GET /client-config): the optional online tiles, after how many months an
/// open-ended record counts as unconfirmed, and the date of the newest record (the About panel's "data as of").
/// </summary>
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

    public static async Task<ClientConfigDocument> GetClientConfig(
        IOptions<BasemapOptions> basemap, IOptions<MapOptions> map, MapReadDbContext db, CancellationToken ct) =>
        ClientConfigDocument.From(basemap.Value, map.Value, await DataAsOfAsync(db, ct));

    /// <summary>The newest date any published presence record gives: a start, or the date of its newest source.</summary>
    private static async Task<DateOnly?> DataAsOfAsync(MapReadDbContext db, CancellationToken ct)
    {
        // Features has no navigation to its layer (partitioned by layer, it keeps no foreign key to layers).
        var layers = db.Layers.Where(l => l.Role == LayerRole.Presence && l.Published).Select(l => l.Id);
        var records = db.Features.Where(f => layers.Contains(f.LayerId));
        var newestStart = await records.MaxAsync(f => (DateOnly?)f.ValidFrom, ct);
        var newestSource = await records.MaxAsync(f => f.LastConfirmed, ct);
        return newestSource > newestStart ? newestSource : newestStart ?? newestSource;
    }
}

public sealed record ClientConfigDocument(TileLayerDocument? OnlineTiles, int UnconfirmedAfterMonths, DateOnly? DataAsOf)
{
    public static ClientConfigDocument From(BasemapOptions basemap, MapOptions map, DateOnly? dataAsOf) => new(
        basemap.TileUrl.Length == 0 ? null : new TileLayerDocument(basemap.TileUrl, basemap.TileAttribution, basemap.TileMaxZoom),
        map.UnconfirmedAfterMonths, dataAsOf);
}

public sealed record TileLayerDocument(string Url, string Attribution, int MaxZoom);
