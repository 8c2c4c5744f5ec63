using System.Text.Json.Nodes;

namespace Map.Data.Model;

/// <summary>A named set of features; each layer is one collection of the API.</summary>
public class Layer
{
    public required string Id { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public GeometryKind GeometryKind { get; set; }
    public LayerRole Role { get; set; } = LayerRole.Presence;
    /// <summary>Leaflet path options as JSON text, e.g. {"radius":7}.</summary>
    public JsonObject Style { get; set; } = [];
    public int DisplayOrder { get; set; }
    /// <summary>
    /// Only published layers are on the map and in /collections; holders of an upload key can still read the others.
    /// Imports create unpublished layers (unless told to publish); `./map layers publish|unpublish` switches it.
    /// </summary>
    public bool Published { get; set; }
    /// <summary>Moves whenever the layer or any of its features changes; drives ETags and Last-Modified.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>
    /// How many features the layer holds, exact. Maintained by the database in the transaction of every write: a
    /// statement trigger on <c>features</c> for row writes, and the partition swap of a replace import. EF Core never writes it.
    /// </summary>
    public long FeatureCount { get; set; }
}

public enum GeometryKind { Point, Line, Polygon, Mixed }

/// <summary>Presence layers are the subject of the map; basemap layers are drawn underneath as reference geography.</summary>
public enum LayerRole { Presence, Basemap }
