using Map.Web.Imports;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Map.Web.Http;

/// <summary>
/// Unpublished layers are hidden from everyone but holders of an upload key, who can check an import before they
/// publish it. The key is checked by <see cref="ApiKeyFilter"/>'s own check; answers to a key holder are never
/// stored by shared caches (they may hold layers the public must not see).
/// </summary>
public static class UnpublishedLayers
{
    private const string ItemKey = "map.may-read-unpublished";

    /// <summary>True when the request presents a valid upload key (computed once per request).</summary>
    public static bool MayReadUnpublished(this HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var known)) return (bool)known!;
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<ImportsOptions>>().CurrentValue;
        var allowed = ApiKeyFilter.IsValidKey(ApiKeyFilter.PresentedKey(http.Request), options);
        http.Items[ItemKey] = allowed;
        if (allowed)
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.CacheControl = "private, no-cache";
                return Task.CompletedTask;
            });
        }
        return allowed;
    }

    /// <summary>Part of an ETag's variant: a key holder's representation differs from the public one.</summary>
    public static string Audience(this HttpContext http) => http.MayReadUnpublished() ? "|keyholder" : "";
}
