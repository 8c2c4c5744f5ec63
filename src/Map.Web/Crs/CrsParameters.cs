using Map.Data.Queries;
using Map.Web.Items;
using Map.Web.Ogc;

namespace Map.Web.Crs;

/// <summary>OGC API – Features Part 2: the crs, bbox-crs and filter-crs parameters and the Content-Crs header.</summary>
public static class CrsParameters
{
    /// <summary>The CRS URIs every collection lists (storageCrs is CRS84).</summary>
    public static IReadOnlyList<string> SupportedUris => SpatialReference.Supported.Select(s => s.Uri).ToList();

    /// <summary>A supported CRS URI (also accepted in the [EPSG:32637] safe-CURIE and EPSG:32637 short forms); null means CRS84.</summary>
    public static SpatialReference Parse(string parameter, string? text)
    {
        if (text is null) return SpatialReference.Crs84;
        var uri = text.Trim().TrimStart('[').TrimEnd(']');
        if (uri.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase)) uri = SpatialReference.EpsgUri(int.TryParse(uri[5..], out var code) ? code : -1);
        if (uri.Equals("OGC:CRS84", StringComparison.OrdinalIgnoreCase)) uri = SpatialReference.Crs84Uri;
        return SpatialReference.FromUri(uri) ?? throw new InvalidParameterException(parameter,
            $"'{text}' is not a supported CRS. Supported: {string.Join(", ", SupportedUris)}.");
    }

    public static void WriteContentCrs(HttpResponse response, SpatialReference crs) =>
        response.Headers[HeaderNames.ContentCrs] = $"<{crs.Uri}>";
}
