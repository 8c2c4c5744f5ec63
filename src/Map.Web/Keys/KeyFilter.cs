using Map.Data.Keys;
using Map.Web.Imports;
using Map.Web.Problems;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Map.Web.Keys;

/// <summary>
/// Lets a request through only with a key whose role allows it, sent as <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key: &lt;key&gt;</c>: 401 without a valid key, 403 with a key of another role (problem details). Runs before
/// the body is read, so an unauthenticated upload or edit costs nothing. The holder is resolved once per request
/// (<see cref="Holder"/>) from the <c>api_keys</c> table, or from <c>Map:Imports:ApiKeyHashes</c>, whose keys are
/// importer keys named <c>config key &lt;first 8 hex of the hash&gt;</c>.
/// </summary>
public sealed class KeyFilter(KeyRole needed, string realm) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";
    private static readonly object HolderItem = new();

    /// <summary>The holder of the request's key, once a <see cref="KeyFilter"/> has let it through.</summary>
    public static KeyHolder Holder(HttpContext context) =>
        context.Items[HolderItem] as KeyHolder ?? throw new InvalidOperationException("No key filter ran for this endpoint.");

    /// <summary>
    /// The holder of the key the request presents (any role), resolved once per request by <see cref="KeyRegistration.UseMapKeys"/>;
    /// null without a valid key.
    /// </summary>
    public static KeyHolder? PresentedHolder(HttpContext context) => context.Items[PresentedItem] as KeyHolder;

    private static readonly object PresentedItem = new();

    /// <summary>Resolves the presented key to its holder (one query, only when a key is sent) for the filters and readers after it.</summary>
    internal static async Task ResolvePresentedAsync(HttpContext http)
    {
        if (await ResolveAsync(http, KeyOf(http.Request)) is { } holder) http.Items[PresentedItem] = holder;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = KeyOf(http.Request);
        var holder = PresentedHolder(http) ?? await ResolveAsync(http, key);
        if (holder is not null && holder.May(needed))
        {
            http.Items[HolderItem] = holder;
            return await next(context);
        }
        if (holder is not null)
            return Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden",
                $"The key '{holder.Name}' has the role {ApiKeyService.RoleText(holder.Role)}; this needs " +
                $"{ApiKeyService.RoleText(needed)} or admin.");

        http.Response.Headers[HeaderNames.WWWAuthenticate] = $"Bearer realm=\"{realm}\"";
        var keys = http.RequestServices.GetRequiredService<ApiKeyService>();
        var configured = http.RequestServices.GetRequiredService<IOptionsMonitor<ImportsOptions>>().CurrentValue.ApiKeyHashes;
        var detail = configured.Length == 0 && !await keys.AnyActiveAsync(http.RequestAborted)
            ? needed == KeyRole.Importer
                ? "Uploads are disabled: the operator has configured no API key (./map keys add, or Map:Imports:ApiKeyHashes)."
                : "Writes are disabled: the operator has made no key (./map keys add <name> --role editor)."
            : string.IsNullOrEmpty(key)
                ? (needed == KeyRole.Importer ? "Uploads" : "Writes") + " need an API key: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."
                : "The API key is not valid.";
        return Problem(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "Unauthorized", detail);
    }

    private static string? KeyOf(HttpRequest request)
    {
        var key = request.Headers[HeaderName].FirstOrDefault();
        var authorization = request.Headers.Authorization.FirstOrDefault();
        if (key is null && authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true) key = authorization[7..].Trim();
        return string.IsNullOrEmpty(key) ? null : key;
    }

    private static async Task<KeyHolder?> ResolveAsync(HttpContext http, string? key)
    {
        if (key is null) return null;
        var holder = await http.RequestServices.GetRequiredService<ApiKeyService>().ResolveAsync(key, http.RequestAborted);
        if (holder is null)
        {
            var configured = http.RequestServices.GetRequiredService<IOptionsMonitor<ImportsOptions>>().CurrentValue.ApiKeyHashes;
            if (ApiKeys.Matches(key, configured)) holder = new KeyHolder($"config key {ApiKeys.Hash(key)[..8]}", KeyRole.Importer);
        }
        return holder;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string code, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, type: ApiProblems.TypeUri(code),
            extensions: new Dictionary<string, object?> { ["code"] = code });
}

public static class KeyRegistration
{
    public static IServiceCollection AddMapKeys(this IServiceCollection services) => services.AddSingleton<ApiKeyService>();

    /// <summary>Resolves the request's key (if any) to its holder once, before the endpoints: writes check its role, reads its publishing rights.</summary>
    public static WebApplication UseMapKeys(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await KeyFilter.ResolvePresentedAsync(context);
            await next(context);
        });
        return app;
    }

    /// <summary>Requires a key whose role is <paramref name="role"/> or admin on every endpoint of the group.</summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, KeyRole role, string realm) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new KeyFilter(role, realm));
}
