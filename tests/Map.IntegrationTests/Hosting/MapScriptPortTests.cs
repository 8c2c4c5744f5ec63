using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Map.Testing;

namespace Map.IntegrationTests.Hosting;

/// <summary>
/// ./map on a machine where something else listens on its port stops at once and names that process, instead of
/// failing later with PostgreSQL's log or Kestrel's bind error.
/// </summary>
public sealed class MapScriptPortTests
{
    [Theory]
    [InlineData("db start", "PostgreSQL", "MAP_PG_PORT")]
    [InlineData("run", "the app", "MAP_PORT")]
    public async Task APortHeldByAnotherProcessIsReportedWithThatProcess(string command, string purpose, string variable)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var data = Path.Combine(Path.GetTempPath(), $"map-port-test-{Guid.NewGuid():N}");

        var start = new ProcessStartInfo(Path.Combine(MapApplication.RepositoryRoot, "map"), command)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["MAP_PG_PORT"] = start.Environment["MAP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MAP_PG_DATA"] = Path.Combine(data, "pgdata");
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var clusterCreated = File.Exists(Path.Combine(data, "pgdata", "PG_VERSION"));
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains($"port {port} ({purpose}) is held by", errors, StringComparison.Ordinal);
        Assert.Contains($"(pid {Environment.ProcessId}:", errors, StringComparison.Ordinal);
        Assert.Contains($"{variable}=<port>", errors, StringComparison.Ordinal);
        Assert.False(clusterCreated, "no cluster is created on a taken port");
    }
}
