using Map.Data.Connections;
using Map.Web.Items;
using Map.Web.Problems;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Map.Web.Replication;

/// <summary>
/// Read-your-writes across a primary and its standbys. A write (an endpoint group marked <see cref="WritesToPrimary"/>)
/// answers with the primary's WAL position after it committed, in the <see cref="WriteLsnHeader"/> header and the
/// <see cref="Cookie"/> cookie. A read that carries it (the <see cref="ReadAfterHeader"/> header, else the cookie) is
/// pinned to a read connection that has replayed that position: its standby's, once it has (waiting up to
/// Map:Replication:WaitMilliseconds), else the primary's — unless the primary is down, when the standby's is better
/// than none. Reads without it take any read connection.
/// </summary>
public static class ReadYourWrites
{
    public const string WriteLsnHeader = "Map-Write-Lsn";
    public const string ReadAfterHeader = "Map-Read-After";
    public const string Cookie = "map-write-lsn";

    public static IServiceCollection AddMapReplication(this IServiceCollection services)
    {
        services.AddOptions<ReplicationOptions>().BindConfiguration(ReplicationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReadRouter>();
        return services;
    }

    /// <summary>
    /// After routing, for reads: a read that fails because its standby went away is run again once on a fresh
    /// connection (another standby, or the primary), and a read that follows the caller's write is pinned to a read
    /// connection that has replayed it.
    /// </summary>
    public static WebApplication UseReadRouting(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (!IsRead(http))
            {
                await next(http);
                return;
            }
            try
            {
                await PinAndRunAsync(http, next);
            }
            catch (Exception e) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested
                && DatabaseFailures.Classify(e) is DatabaseFailure.Unavailable)
            {
                // A standby that stops leaves broken connections in the pool, and only the first read on each finds out.
                // Cleared, the pool opens new ones, and Npgsql skips a host it cannot reach (the primary comes last).
                http.RequestServices.GetRequiredService<ReadDatabase>().Standbys.Clear();
                http.Response.Clear();
                var original = http.RequestServices;
                await using var retry = original.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                http.RequestServices = retry.ServiceProvider;
                try
                {
                    await PinAndRunAsync(http, next);
                }
                finally
                {
                    http.RequestServices = original;
                }
            }
        });
        return app;
    }

    private static bool IsRead(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && http.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<PrimaryOnly>() is null;

    private static async Task PinAndRunAsync(HttpContext http, RequestDelegate next)
    {
        if (RequestedLsn(http.Request) is { } lsn)
        {
            var connection = await http.RequestServices.GetRequiredService<ReadRouter>().OpenAfterAsync(lsn, http.RequestAborted);
            http.RequestServices.GetRequiredService<ReadSession>().Pin(connection);
        }
        await next(http);
    }

    /// <summary>The group writes through the primary: its answers carry the LSN to read after, and its reads are not pinned.</summary>
    public static RouteGroupBuilder WritesToPrimary(this RouteGroupBuilder group) =>
        group.WithMetadata(new PrimaryOnly()).AddEndpointFilter<WriteLsnFilter>();

    private static NpgsqlLogSequenceNumber? RequestedLsn(HttpRequest request)
    {
        if (request.Headers[ReadAfterHeader] is [{ } header])
            return NpgsqlLogSequenceNumber.TryParse(header, out var lsn) ? lsn
                : throw new InvalidParameterException(ReadAfterHeader, $"'{header}' is not a WAL position such as 0/16B3748 (from {WriteLsnHeader}).");
        // The cookie is ours: a damaged one is ignored, not refused.
        return request.Cookies[Cookie] is { } cookie && NpgsqlLogSequenceNumber.TryParse(cookie, out var remembered) ? remembered : null;
    }

    private sealed class PrimaryOnly;

    /// <summary>Stamps a write's answer with the primary's WAL position, taken after the handler's commit.</summary>
    private sealed class WriteLsnFilter(NpgsqlDataSource primary, IOptions<ReplicationOptions> options) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var result = await next(context);
            var http = context.HttpContext;
            try
            {
                var lsn = (await ReplicationSql.CurrentLsnAsync(primary, http.RequestAborted)).ToString();
                http.Response.Headers[WriteLsnHeader] = lsn;
                http.Response.Cookies.Append(Cookie, lsn, new CookieOptions
                {
                    Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true,
                    MaxAge = TimeSpan.FromSeconds(options.Value.CookieSeconds), Secure = http.Request.IsHttps,
                });
            }
            catch (Exception e) when (DatabaseFailures.Classify(e) is not null)
            {
                // The primary went away after the write answered: there is nothing newer to wait for.
            }
            return result;
        }
    }
}

/// <summary>Chooses the read connection for a read that must see the WAL up to a position (see <see cref="ReadYourWrites"/>).</summary>
public sealed partial class ReadRouter(ReadDatabase database, IOptions<ReplicationOptions> options, TimeProvider clock, ILogger<ReadRouter> logger)
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(50);

    public async Task<NpgsqlConnection> OpenAfterAsync(NpgsqlLogSequenceNumber lsn, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var wait = TimeSpan.FromMilliseconds(options.Value.WaitMilliseconds);
        NpgsqlConnection? standby = await database.Standbys.OpenConnectionAsync(ct);
        try
        {
            for (var pause = TimeSpan.FromMilliseconds(2); ; pause = pause * 2 < LongestPause ? pause * 2 : LongestPause)
            {
                if (await ReplicationSql.HasReplayedAsync(standby, lsn, ct)) return Keep(ref standby);
                if (clock.GetElapsedTime(started) + pause > wait) break;
                await Task.Delay(pause, clock, ct);
            }
            try
            {
                var primary = await database.Primary.OpenConnectionAsync(ct);
                LogFromPrimary(logger, lsn.ToString(), options.Value.WaitMilliseconds);
                return primary;
            }
            catch (Exception e) when (DatabaseFailures.Classify(e) is DatabaseFailure.Unavailable)
            {
                LogPrimaryDown(logger, lsn.ToString(), e.GetBaseException().Message);
                return Keep(ref standby);
            }
        }
        finally
        {
            if (standby is not null) await standby.DisposeAsync();
        }
    }

    private static NpgsqlConnection Keep(ref NpgsqlConnection? connection)
    {
        var kept = connection!;
        connection = null;
        return kept;
    }

    [LoggerMessage(LogLevel.Information, "A read after WAL {Lsn} went to the primary: its standby had not replayed it within {Wait} ms")]
    private static partial void LogFromPrimary(ILogger logger, string lsn, int wait);

    [LoggerMessage(LogLevel.Warning, "A read after WAL {Lsn} is served by a standby that has not replayed it: the primary is down ({Reason})")]
    private static partial void LogPrimaryDown(ILogger logger, string lsn, string reason);
}
