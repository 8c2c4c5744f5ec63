using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Map.Data.History;
using Map.Web.Http;
using Map.Web.Items;
using Map.Web.Ogc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Map.Web.Changes;

/// <summary>The "Map:Changes" configuration section.</summary>
public sealed class ChangesOptions
{
    public const string Section = "Map:Changes";

    /// <summary>Seconds between heartbeat comments on an idle event stream (keeps proxies from closing it).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int HeartbeatSeconds { get; set; } = 15;
}

/// <summary>
/// GET /changes: the change feed. With <c>Accept: text/event-stream</c>, Server-Sent Events from now on (or after the
/// cursor in <c>Last-Event-ID</c> or <c>since</c>), each event's id its cursor, with a heartbeat comment when idle; else
/// JSON for pollers: the changes after <c>since</c> (default 0), at most <c>limit</c>, and the cursor to ask from next.
/// Changes of unpublished layers reach key holders only (as their items do).
/// </summary>
public static class ChangesApi
{
    public const int MaxLimit = 1000;

    public static IServiceCollection AddMapChanges(this IServiceCollection services)
    {
        services.AddOptions<ChangesOptions>().BindConfiguration(ChangesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChangeHub>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeHub>());
        return services;
    }

    public static RouteHandlerBuilder MapChangesApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/changes", GetChanges).WithName("getChanges").WithTags("Changes")
            .WithSummary("Changes of features: Server-Sent Events (Accept: text/event-stream) or JSON after a cursor")
            .AddEndpointFilter(new KnownParameters(new HashSet<string> { QueryParameters.Since, QueryParameters.Limit }))
            .RequireCors(HttpRegistration.ReadCorsPolicy)
            .Produces<ChangePage>(StatusCodes.Status200OK, MediaTypes.Json, MediaTypes.EventStream)
            .ProducesProblem(StatusCodes.Status400BadRequest);

    public static async Task<Results<Ok<ChangePage>, EmptyHttpResult>> GetChanges(
        [FromQuery(Name = "since")][Description("Cursor of the last change seen; changes after it are returned.")] string? since,
        [FromQuery(Name = "limit")][Description("At most this many changes (default and maximum 1000).")] string? limit,
        HttpContext http, NpgsqlDataSource dataSource, ChangeHub hub, IOptions<ChangesOptions> options, CancellationToken ct)
    {
        var after = ParseCursor(QueryParameters.Since, since);
        var includeUnpublished = http.MayReadUnpublished();
        if (http.Request.Headers.Accept.Any(a => a?.Contains(MediaTypes.EventStream, StringComparison.OrdinalIgnoreCase) == true))
        {
            var lastEventId = http.Request.Headers["Last-Event-ID"].FirstOrDefault();
            await StreamAsync(http, dataSource, hub, includeUnpublished, lastEventId is null ? after : ParseCursor("Last-Event-ID", lastEventId),
                TimeSpan.FromSeconds(options.Value.HeartbeatSeconds), ct);
            return TypedResults.Empty;
        }
        var count = limit is null ? MaxLimit : ParameterParser.ParseLimit(limit, MaxLimit, MaxLimit);
        var changes = await HistorySql.ChangesAsync(dataSource, after ?? 0, count, includeUnpublished, ct);
        return TypedResults.Ok(new ChangePage(changes, changes.Count > 0 ? changes[^1].Cursor : after ?? 0, changes.Count == count));
    }

    private static async Task StreamAsync(HttpContext http, NpgsqlDataSource dataSource, ChangeHub hub, bool includeUnpublished, long? after,
        TimeSpan heartbeat, CancellationToken ct)
    {
        http.Response.ContentType = MediaTypes.EventStream;
        http.Response.Headers.CacheControl = "no-cache";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        // Subscribe before reading the table, so nothing committed in between is missed (repeats are skipped by cursor).
        using var subscription = hub.Subscribe(includeUnpublished);
        var cursor = after ?? await HistorySql.LatestCursorAsync(dataSource, ct);
        await http.Response.WriteAsync($"retry: 2000\n: cursor {cursor}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
        if (after is not null) cursor = await CatchUp(http, dataSource, cursor, includeUnpublished, ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(heartbeat);
                try
                {
                    if (!await subscription.Reader.WaitToReadAsync(wait.Token)) break;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await http.Response.WriteAsync(": heartbeat\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    continue;
                }
                if (subscription.Lagged)
                {
                    subscription.Lagged = false;
                    while (subscription.Reader.TryRead(out _)) { }
                    cursor = await CatchUp(http, dataSource, cursor, includeUnpublished, ct);
                    continue;
                }
                while (subscription.Reader.TryRead(out var change))
                    if (change.Cursor > cursor) cursor = await Send(http, change, ct);
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async Task<long> CatchUp(HttpContext http, NpgsqlDataSource dataSource, long cursor, bool includeUnpublished,
        CancellationToken ct)
    {
        List<ChangeEvent> page;
        do
        {
            page = await HistorySql.ChangesAsync(dataSource, cursor, MaxLimit, includeUnpublished, ct);
            foreach (var change in page) cursor = await Send(http, change, ct);
        } while (page.Count == MaxLimit);
        await http.Response.Body.FlushAsync(ct);
        return cursor;
    }

    private static async Task<long> Send(HttpContext http, ChangeEvent change, CancellationToken ct)
    {
        var data = JsonSerializer.Serialize(change, JsonSerializerOptions.Web);
        await http.Response.WriteAsync($"id: {change.Cursor.ToString(CultureInfo.InvariantCulture)}\nevent: change\ndata: {data}\n\n", ct);
        return change.Cursor;
    }

    private static long? ParseCursor(string name, string? text)
    {
        if (text is null) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor)
            ? cursor
            : throw new InvalidParameterException(name, $"'{text}' is not a change cursor (a whole number from an earlier change).");
    }
}

/// <summary>A page of the change feed for pollers: ask again with <c>since=cursor</c>; <c>more</c> means a full page.</summary>
public sealed record ChangePage(IReadOnlyList<ChangeEvent> Changes, long Cursor, bool More);
