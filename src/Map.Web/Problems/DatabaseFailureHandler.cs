using System.Globalization;
using Map.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Map.Web.Problems;

/// <summary>
/// A database that is down or overloaded is a 503 with Retry-After, which clients and proxies retry, not a 500. It is
/// logged as a warning at most once per Retry-After period, so an outage under load does not flood the log.
/// </summary>
public sealed partial class DatabaseFailureHandler(IOptions<DatabaseOptions> options, ILogger<DatabaseFailureHandler> logger, TimeProvider clock)
    : IExceptionHandler
{
    private long lastLogged = long.MinValue;
    private int suppressed;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DatabaseFailures.Classify(exception) is not { } failure) return false;
        var retryAfter = options.Value.RetryAfterSeconds;
        Log(failure, exception, retryAfter);
        httpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.DatabaseFailure(failure, retryAfter).ExecuteAsync(httpContext);
        return true;
    }

    private void Log(DatabaseFailure failure, Exception exception, int periodSeconds)
    {
        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref lastLogged);
        if (last != long.MinValue && clock.GetElapsedTime(last, now) < TimeSpan.FromSeconds(periodSeconds))
        {
            Interlocked.Increment(ref suppressed);
            return;
        }
        if (Interlocked.CompareExchange(ref lastLogged, now, last) != last) return;
        LogFailure(logger, failure, Interlocked.Exchange(ref suppressed, 0), exception.GetBaseException().Message);
    }

    [LoggerMessage(LogLevel.Warning, "Database {Failure}: answering 503 with Retry-After ({Suppressed} more since the last warning). {Reason}")]
    private static partial void LogFailure(ILogger logger, DatabaseFailure failure, int suppressed, string reason);
}
