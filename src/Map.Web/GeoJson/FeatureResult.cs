using System.Text.Json;
using Map.Data.Model;
using Map.Web.Ogc;

namespace Map.Web.GeoJson;

/// <summary>A single feature as application/geo+json, with its links.</summary>
public sealed class FeatureResult(Feature feature, IReadOnlyList<Link> links) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.ContentType = MediaTypes.GeoJson;
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter, FeatureCollectionResult.WriterOptions);
        FeatureJsonWriter.WriteFeature(json, feature, links);
        await json.FlushAsync(context.RequestAborted);
    }
}
