using System.Globalization;
using Npgsql;

namespace Map.Data.Connections;

/// <summary>
/// Which server each path talks to, from the two connection strings: writes to ConnectionStrings:Map (the primary:
/// read-write when it lists several hosts), reads to ConnectionStrings:MapRead (the standbys, prefer-standby, load
/// balanced, with the primary's hosts appended so that reads fall back to it when no standby answers). Without
/// MapRead the write string serves both.
/// </summary>
public static class ConnectionRouting
{
    public const string WriteName = "Map";
    public const string ReadName = "MapRead";

    public static string Write(string write)
    {
        var builder = new NpgsqlConnectionStringBuilder(write);
        if (Hosts(builder).Count > 1 && string.IsNullOrEmpty(builder.TargetSessionAttributes)) builder.TargetSessionAttributes = "read-write";
        return builder.ConnectionString;
    }

    public static string Read(string write, string? read)
    {
        if (string.IsNullOrWhiteSpace(read)) return Write(write);
        var builder = new NpgsqlConnectionStringBuilder(read);
        var hosts = Hosts(builder);
        foreach (var primary in Hosts(new NpgsqlConnectionStringBuilder(write)))
            if (!hosts.Contains(primary, StringComparer.OrdinalIgnoreCase)) hosts.Add(primary);
        builder.Host = string.Join(',', hosts);
        builder.TargetSessionAttributes = "prefer-standby";
        builder.LoadBalanceHosts = true;
        return builder.ConnectionString;
    }

    /// <summary>The hosts of a connection string as host:port, each with the string's Port when it names none.</summary>
    public static List<string> Hosts(NpgsqlConnectionStringBuilder builder) =>
        (builder.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(host => HasPort(host) ? host : $"{host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}")
            .ToList();

    // "[::1]:5432", "db:5432" and "::1" (an IPv6 address without a port) told apart.
    private static bool HasPort(string host) =>
        host.StartsWith('[') ? host.Contains("]:", StringComparison.Ordinal) : host.Count(c => c == ':') == 1;
}
