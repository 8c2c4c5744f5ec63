using NetTopologySuite.Geometries;

namespace Map.Data.Model;

/// <summary>A named area of interest the map can jump to.</summary>
public class Region
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string NameAr { get; set; } = "";
    public string Description { get; set; } = "";
    public int DisplayOrder { get; set; }
    public required Geometry Geometry { get; set; }
}
