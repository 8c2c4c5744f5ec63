using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Map.Data.Queries;
using Map.Web.Crs;
using Map.Web.Ogc;

namespace Map.Web.GeoJson;

/// <summary>
/// Streams a page of features to the response as PostgreSQL produces them: each row is one feature's GeoJSON
/// text, copied to the body and flushed every few dozen kilobytes, so memory does not grow with the limit. The
/// members that depend on the whole page (links, numberReturned, numberMatched) come after the features.
/// </summary>
public sealed class FeatureCollectionResult(
    FeatureStore store,
    ItemsQuery query,
    int numberMatchedCap,
    Func<FeaturePage, IReadOnlyList<Link>> links) : IResult
{
    private const int FlushBytes = 64 * 1024;
    private static readonly byte[] Start = """{"type":"FeatureCollection","features":["""u8.ToArray();

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.ContentType = MediaTypes.GeoJson;
        CrsParameters.WriteContentCrs(context.Response, query.Crs);
        await WriteAsync(context.Response.BodyWriter, context.RequestAborted);
    }

    public async Task WriteAsync(PipeWriter body, CancellationToken ct)
    {
        await using var page = await store.OpenPageAsync(query, ct);
        body.Write(Start);
        var pending = Start.Length;
        var first = true;
        await foreach (var feature in page.ReadAsync(ct))
        {
            if (!first) body.Write(","u8);
            first = false;
            var span = body.GetSpan(Encoding.UTF8.GetMaxByteCount(feature.Length));
            var written = Encoding.UTF8.GetBytes(feature, span);
            body.Advance(written);
            pending += written + 1;
            if (pending >= FlushBytes)
            {
                await body.FlushAsync(ct);
                pending = 0;
            }
        }

        var matched = await NumberMatchedAsync(page, ct);
        var tail = new StringBuilder("],\"numberReturned\":").Append(page.Returned);
        if (matched is { } count) tail.Append(",\"numberMatched\":").Append(count);
        tail.Append(",\"links\":").Append(JsonSerializer.Serialize(links(page), OgcJson.Options)).Append('}');
        body.Write(Encoding.UTF8.GetBytes(tail.ToString()));
        await body.FlushAsync(ct);
    }

    /// <summary>Exact when known for free (a first page that holds everything) or when a count capped at the limit finds fewer.</summary>
    private async Task<long?> NumberMatchedAsync(FeaturePage page, CancellationToken ct)
    {
        if (query.Cursor is null && query.Offset == 0 && !page.HasMore) return page.Returned;
        if (numberMatchedCap == 0) return null;
        var counted = await page.CountUpToAsync(numberMatchedCap + 1, ct);
        return counted <= numberMatchedCap ? counted : null;
    }
}
