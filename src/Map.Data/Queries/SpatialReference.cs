namespace Map.Data.Queries;

/// <summary>
/// A coordinate reference system the API can answer in or read boxes in. Stored geometries are EPSG:4326 with
/// longitude first (CRS84 order); EPSG:4326 as OGC defines it is latitude first, hence <see cref="LatitudeFirst"/>.
/// </summary>
public sealed record SpatialReference(string Uri, int Srid, bool LatitudeFirst, int Decimals)
{
    public const string Crs84Uri = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    public static readonly SpatialReference Crs84 = new(Crs84Uri, 4326, false, 9);
    public static readonly SpatialReference Epsg4326 = new(EpsgUri(4326), 4326, true, 9);
    public static readonly SpatialReference WebMercator = new(EpsgUri(3857), 3857, false, 3);
    public static readonly SpatialReference Utm37N = new(EpsgUri(32637), 32637, false, 3);
    public static readonly SpatialReference Utm38N = new(EpsgUri(32638), 32638, false, 3);

    public static readonly IReadOnlyList<SpatialReference> Supported = [Crs84, Epsg4326, WebMercator, Utm37N, Utm38N];

    /// <summary>True for CRS84: the stored geometry is written as it is.</summary>
    public bool IsStorage => Srid == 4326 && !LatitudeFirst;

    public static string EpsgUri(int code) => $"http://www.opengis.net/def/crs/EPSG/0/{code}";

    public static SpatialReference? FromUri(string uri) =>
        Supported.FirstOrDefault(s => string.Equals(s.Uri, uri.Trim(), StringComparison.OrdinalIgnoreCase));
}
