using Map.Import;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Map.Web.Imports;

/// <summary>
/// Lets a request through only with a configured upload key, sent as <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key: &lt;key&gt;</c>. Runs before the body is read, so an unauthenticated upload costs nothing.
/// </summary>
public sealed class ApiKeyFilter(IOptionsMonitor<ImportsOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>The key a request presents: <c>X-Api-Key</c>, else a <c>Bearer</c> token; null when there is none.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        var key = request.Headers[HeaderName].FirstOrDefault();
        var authorization = request.Headers.Authorization.FirstOrDefault();
        if (key is null && authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true) key = authorization[7..].Trim();
        return string.IsNullOrEmpty(key) ? null : key;
    }

    /// <summary>The one check of an upload key: uploads need it, and it also lets its holder read unpublished layers.</summary>
    public static bool IsValidKey(string? key, ImportsOptions options) => key is not null && ApiKeys.Matches(key, options.ApiKeyHashes);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = PresentedKey(context.HttpContext.Request);
        var hashes = options.CurrentValue.ApiKeyHashes;
        if (IsValidKey(key, options.CurrentValue)) return await next(context);

        context.HttpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"map-imports\"";
        var detail = hashes.Length == 0
            ? "Uploads are disabled: the operator has configured no API key (Map:Imports:ApiKeyHashes)."
            : string.IsNullOrEmpty(key)
                ? "Uploads need an API key: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."
                : "The API key is not valid.";
        return ImportProblems.Problem(StatusCodes.Status401Unauthorized, ImportProblems.Unauthorized, "Unauthorized", detail);
    }
}
