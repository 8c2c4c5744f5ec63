using System.Globalization;
using System.Text.Json.Nodes;
using Map.Data.Model;
using Map.Data.Queries;
using Map.Web.Crs;
using Map.Web.Ogc;

namespace Map.Web.Collections;

/// <summary>The OGC API – Features collection description, with this map's own members (role, style, order).</summary>
public sealed record CollectionDocument(
    string Id,
    string Title,
    string Description,
    string ItemType,
    CollectionExtent? Extent,
    IReadOnlyList<string> Crs,
    string StorageCrs,
    string GeometryKind,
    string Role,
    JsonObject Style,
    int DisplayOrder,
    DateTimeOffset UpdatedAt,
    int FeatureCount,
    IReadOnlyList<Link> Links)
{
    public const string Crs84 = SpatialReference.Crs84Uri;

    public static CollectionDocument From(Layer layer, LayerExtent? extent, HttpRequest request)
    {
        var self = CollectionLinks.Collection(request, layer.Id);
        return new(
            layer.Id, layer.Title, layer.Description, "feature",
            extent is null ? null : CollectionExtent.From(extent),
            CrsParameters.SupportedUris,
            Crs84,
            layer.GeometryKind.ToString().ToLowerInvariant(),
            layer.Role.ToString().ToLowerInvariant(),
            layer.Style,
            layer.DisplayOrder,
            layer.UpdatedAt,
            extent?.Count ?? 0,
            [
                new(self, LinkRelations.Self, MediaTypes.Json, layer.Title),
                new(self + "?f=html", LinkRelations.Alternate, MediaTypes.Html, layer.Title + " (HTML)"),
                new(self + "/items", LinkRelations.Items, MediaTypes.GeoJson, layer.Title + " (GeoJSON)"),
                new(self + "/items?f=html", LinkRelations.Items, MediaTypes.Html, layer.Title + " (HTML)"),
                new(self + "/queryables", LinkRelations.Queryables, MediaTypes.SchemaJson, "Queryables of " + layer.Title),
                new(self + "/tiles", LinkRelations.TilesetsVector, MediaTypes.Json, "Vector tiles of " + layer.Title),
            ]);
    }
}

public sealed record CollectionExtent(SpatialExtent? Spatial, TemporalExtent Temporal)
{
    public static CollectionExtent From(LayerExtent e) => new(
        e.Bbox is null ? null : new SpatialExtent([[e.Bbox.MinX, e.Bbox.MinY, e.Bbox.MaxX, e.Bbox.MaxY]], CollectionDocument.Crs84),
        new TemporalExtent(
            [[e.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
                e.To is null ? null : e.To.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59Z"]],
            "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"));
}

public sealed record SpatialExtent(double[][] Bbox, string Crs);

public sealed record TemporalExtent(string?[][] Interval, string Trs);
