using System.Net.Sockets;
using Npgsql;

namespace Map.Web.Problems;

/// <summary>Why the database could not answer, when it is a state that passes: a 503 with Retry-After, not a 500.</summary>
public enum DatabaseFailure
{
    /// <summary>PostgreSQL cannot be reached, is shutting down or starting up, or dropped the connection.</summary>
    Unavailable,

    /// <summary>PostgreSQL is up but busy: no free connection in the pool or on the server, or a statement or lock timed out.</summary>
    Overloaded,
}

/// <summary>Recognises the exceptions Npgsql raises for a database that is down or overloaded, anywhere in the chain.</summary>
public static class DatabaseFailures
{
    public static DatabaseFailure? Classify(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException postgres) return Classify(postgres.SqlState);
            if (e is NpgsqlException { InnerException: TimeoutException }) return DatabaseFailure.Overloaded;
            if (e is NpgsqlException { IsTransient: true } or SocketException or EndOfStreamException) return DatabaseFailure.Unavailable;
        }
        return null;
    }

    /// <summary>SQLSTATE classes 08 (connection), 53 (resources), 57 (operator intervention); 55P03 is lock_timeout.</summary>
    private static DatabaseFailure? Classify(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.OutOfMemory or PostgresErrorCodes.ConfigurationLimitExceeded
            or PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.LockNotAvailable => DatabaseFailure.Overloaded,
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow => DatabaseFailure.Unavailable,
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => DatabaseFailure.Unavailable,
        _ => null,
    };
}
