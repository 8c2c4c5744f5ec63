using Map.Data.Model;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace Map.Data.Queries;

/// <summary>Spatial and temporal extent of a layer, from the data (ST_Extent, min/max of the valid range).</summary>
public sealed record LayerExtent(string LayerId, Envelope? Bbox, DateOnly? From, DateOnly? To, int Count);

public static class LayerQueries
{
    public static async Task<Dictionary<string, LayerExtent>> ExtentsAsync(this MapDbContext db, string? layerId, CancellationToken ct)
    {
        var features = db.Features.AsQueryable();
        if (layerId is not null) features = features.Where(f => f.LayerId == layerId);
        var rows = await features
            .GroupBy(f => f.LayerId)
            .Select(g => new
            {
                LayerId = g.Key,
                Extent = EnvelopeCombiner.CombineAsGeometry(g.Select(f => f.Geometry)),
                From = g.Min(f => f.ValidFrom),
                To = g.Max(f => f.ValidTo),
                OpenEnded = g.Any(f => f.ValidTo == null),
                Count = g.Count(),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(
            r => r.LayerId,
            r => new LayerExtent(r.LayerId, r.Extent?.EnvelopeInternal, r.From, r.OpenEnded ? null : r.To, r.Count));
    }

    /// <summary>Publishes or withdraws a layer and moves its stamp (so cached /collections answers change); false when there is no such layer.</summary>
    public static async Task<bool> SetPublishedAsync(this MapDbContext db, string layerId, bool published, DateTimeOffset now, CancellationToken ct) =>
        await db.Layers.Where(l => l.Id == layerId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Published, published).SetProperty(l => l.UpdatedAt, now), ct) == 1;

    /// <summary>Published layers, or every layer for a reader allowed to see unpublished ones.</summary>
    public static IQueryable<Layer> VisibleTo(this IQueryable<Layer> layers, bool includeUnpublished) =>
        includeUnpublished ? layers : layers.Where(l => l.Published);

    public static IQueryable<Layer> InDisplayOrder(this IQueryable<Layer> layers) =>
        layers.AsNoTracking().OrderBy(l => l.Role).ThenBy(l => l.DisplayOrder).ThenBy(l => l.Id);
}
