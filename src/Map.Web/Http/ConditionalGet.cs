using System.Security.Cryptography;
using System.Text;
using Map.Web.Ogc;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Map.Web.Http;

/// <summary>
/// Strong ETags and Last-Modified for representations that depend only on the request and a data stamp (a layer's
/// UpdatedAt). The tag hashes the stamp, the path, the query, the format, the content coding the compression
/// middleware will choose (a strong tag names exact bytes) and the build (a new release may write other bytes).
/// </summary>
public static class ConditionalGet
{
    private static readonly string Build = typeof(ConditionalGet).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>Sets the validators and caching headers; true when the client's copy is current (answer 304).</summary>
    /// <param name="cacheControl">Instead of <c>Api:CacheControl</c> (tiles have their own).</param>
    public static bool IsNotModified(HttpContext context, DateTimeOffset stamp, string variant, string? cacheControl = null)
    {
        var request = context.Request;
        var response = context.Response;
        var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
        var tag = new EntityTagHeaderValue($"\"{Hash(stamp, request, variant, ContentCoding(context))}\"");
        var lastModified = new DateTimeOffset(stamp.UtcTicks - stamp.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        response.Headers.ETag = tag.ToString();
        response.Headers.LastModified = lastModified.ToString("R");
        response.Headers.CacheControl = cacheControl ?? options.CacheControl;
        response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.Vary, "Accept");

        var headers = request.GetTypedHeaders();
        if (headers.IfNoneMatch.Count > 0)
            return headers.IfNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(tag, useStrongComparison: false));
        return headers.IfModifiedSince is { } since && lastModified <= since;
    }

    /// <summary>True when the request carries validators, so the stamp must be known before deciding what to answer.</summary>
    public static bool IsConditional(HttpRequest request) =>
        request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince.Count > 0;

    public static IResult NotModified() => TypedResults.StatusCode(StatusCodes.Status304NotModified);

    private static string ContentCoding(HttpContext context)
    {
        var compression = context.RequestServices.GetRequiredService<IResponseCompressionProvider>();
        return compression.CheckRequestAcceptsCompression(context)
            ? compression.GetCompressionProvider(context)?.EncodingName ?? "identity"
            : "identity";
    }

    private static string Hash(DateTimeOffset stamp, HttpRequest request, string variant, string coding)
    {
        var query = string.Join("&", request.Query.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var text = $"{Build}|{stamp.UtcTicks}|{request.Scheme}://{request.Host}{request.PathBase}{request.Path}|{query}|{variant}|{coding}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
