using System.Text.Encodings.Web;
using System.Text.Json;
using Map.Data.Model;
using Map.Web.Ogc;

namespace Map.Web.GeoJson;

/// <summary>
/// Streams a page of features to the response as they are read from the database, so memory does not grow with
/// the limit. The query yields one row more than the limit; its presence is what makes a next link.
/// </summary>
public sealed class FeatureCollectionResult(
    IAsyncEnumerable<Feature> featuresWithLookahead,
    int limit,
    Func<bool, IReadOnlyList<Link>> linksGivenHasMore) : IResult
{
    private const int FlushEvery = 200;

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.ContentType = MediaTypes.GeoJson;
        var body = context.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body, WriterOptions);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");

        var returned = 0;
        var hasMore = false;
        await foreach (var feature in featuresWithLookahead.WithCancellation(context.RequestAborted))
        {
            if (returned == limit) { hasMore = true; break; }
            FeatureJsonWriter.WriteFeature(json, feature);
            if (++returned % FlushEvery == 0)
            {
                await json.FlushAsync(context.RequestAborted);
                await body.FlushAsync(context.RequestAborted);
            }
        }

        json.WriteEndArray();
        json.WritePropertyName("links");
        JsonSerializer.Serialize(json, linksGivenHasMore(hasMore), JsonSerializerOptions.Web);
        json.WriteNumber("numberReturned", returned);
        json.WriteString("timeStamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
