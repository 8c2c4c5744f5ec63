using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Map.Data.Queries;
using Map.Web.Crs;
using Map.Web.Ogc;
using Map.Web.Problems;

namespace Map.Web.GeoJson;

/// <summary>
/// Streams a page of features to the response as PostgreSQL produces them: each row is one feature's GeoJSON
/// text, copied to the body and flushed every few dozen kilobytes, so memory does not grow with the limit. The
/// members that depend on the whole page (links, numberReturned, numberMatched) come after the features.
/// </summary>
/// <remarks>
/// Without a known layer stamp (an unconditional request), the stamp is fetched in the same round trip as the page
/// and <paramref name="onLayerStamp"/> sets the validators (or answers 404) before any byte of the body is written.
/// </remarks>
public sealed class FeatureCollectionResult(
    FeatureSession session,
    ItemsQuery query,
    int numberMatchedCap,
    Func<PageOutcome, IReadOnlyList<Link>> links,
    Func<HttpContext, DateTimeOffset?, bool>? onLayerStamp = null) : IResult
{
    private const int FlushBytes = 64 * 1024;
    private static readonly byte[] Start = """{"type":"FeatureCollection","features":["""u8.ToArray();

    /// <summary>For hand-written GeoJSON elsewhere (regions): URLs and Arabic text unescaped.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = OgcJson.Options.Encoder };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = MediaTypes.GeoJson;
        CrsParameters.WriteContentCrs(httpContext.Response, query.Crs);
        var layerFound = true;
        var check = onLayerStamp is null ? null : new Func<DateTimeOffset?, bool>(stamp => layerFound = onLayerStamp(httpContext, stamp));
        await WriteAsync(httpContext.Response.BodyWriter, check, httpContext.RequestAborted);
        if (layerFound) return;
        httpContext.Response.Headers.Remove(HeaderNames.ContentCrs);
        await ApiProblems.CollectionNotFound(query.LayerId).ExecuteAsync(httpContext);
    }

    public Task WriteAsync(PipeWriter body, CancellationToken ct) => WriteAsync(body, null, ct);

    /// <remarks>
    /// The page goes through a buffer of its own that reaches the response every <see cref="FlushBytes"/>: until the
    /// first such flush nothing has been sent, so a query that fails half-way (the database went away) still becomes a
    /// clean problem response instead of half a FeatureCollection with a problem glued to it.
    /// </remarks>
    private async Task WriteAsync(PipeWriter body, Func<DateTimeOffset?, bool>? check, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushBytes + FlushBytes / 2);
        async ValueTask Flush(CancellationToken token)
        {
            body.Write(buffer.WrittenSpan);
            buffer.ResetWrittenCount();
            await body.FlushAsync(token);
        }

        var page = await session.WritePageAsync(query, Start, buffer, Flush, FlushBytes, check, ct);
        if (page is null) return;
        var matched = await NumberMatchedAsync(page, ct);
        var tail = new StringBuilder("],\"numberReturned\":").Append(page.Returned);
        if (matched is { } count) tail.Append(",\"numberMatched\":").Append(count);
        tail.Append(",\"links\":").Append(JsonSerializer.Serialize(links(page), OgcJson.Options)).Append('}');
        buffer.Write(Encoding.UTF8.GetBytes(tail.ToString()));
        await Flush(ct);
    }

    /// <summary>
    /// Exact when known for free: a first page that holds everything, or the layer's maintained count when nothing
    /// narrows the request (what GDAL's <c>ogrinfo -so</c> asks, instead of paging through the whole layer); otherwise
    /// when a count capped at the limit finds fewer.
    /// </summary>
    private async Task<long?> NumberMatchedAsync(PageOutcome page, CancellationToken ct)
    {
        if (query.Cursor is null && query.Offset == 0 && !page.HasMore) return page.Returned;
        if (query.MatchesWholeLayer) return await session.FeatureCountAsync(query.LayerId, ct);
        if (numberMatchedCap == 0) return null;
        var counted = await session.CountUpToAsync(query, numberMatchedCap + 1, ct);
        return counted <= numberMatchedCap ? counted : null;
    }
}
