using System.Text;
using System.Text.Json;
using Map.Data.Queries;
using Map.Web.Crs;
using Map.Web.Ogc;

namespace Map.Web.GeoJson;

/// <summary>A single feature as application/geo+json: PostgreSQL's GeoJSON text with the feature's links added.</summary>
public sealed class FeatureResult(string featureJson, SpatialReference crs, IReadOnlyList<Link> links) : IResult
{
    public string Json => featureJson[..^1] + ",\"links\":" + JsonSerializer.Serialize(links, OgcJson.Options) + "}";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = MediaTypes.GeoJson;
        CrsParameters.WriteContentCrs(httpContext.Response, crs);
        await httpContext.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Json), httpContext.RequestAborted);
    }
}
