using System.Text.Json;
using Map.Data;
using Map.Data.Connections;
using Map.Web.GeoJson;
using Map.Web.Ogc;
using Microsoft.EntityFrameworkCore;

namespace Map.Web.Regions;

public static class RegionsApi
{
    public static RouteGroupBuilder MapRegionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/regions").WithTags("Regions");
        group.MapGet("", GetRegions).WithName("getRegions").WithSummary("Areas of interest the map can jump to, as GeoJSON");
        return group;
    }

    public static async Task GetRegions(MapReadDbContext db, HttpContext http, CancellationToken ct)
    {
        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.DisplayOrder).ThenBy(r => r.Id).ToListAsync(ct);
        http.Response.ContentType = MediaTypes.GeoJson;
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter, FeatureCollectionResult.WriterOptions);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        foreach (var region in regions)
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteString("id", region.Id);
            json.WritePropertyName("geometry");
            GeometryJson.Write(json, region.Geometry);
            json.WriteStartObject("properties");
            json.WriteString("name", region.Name);
            json.WriteString("nameAr", region.NameAr);
            json.WriteString("description", region.Description);
            json.WriteNumber("displayOrder", region.DisplayOrder);
            var bbox = region.Geometry.EnvelopeInternal;
            json.WriteStartArray("bbox");
            foreach (var v in new[] { bbox.MinX, bbox.MinY, bbox.MaxX, bbox.MaxY }) json.WriteNumberValue(v);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }
}
