using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Map.IntegrationTests.Outages;

/// <summary>
/// A PostgreSQL cluster of its own (initdb, as the postgres OS user, on a free port, under /var/lib/map-postgis/),
/// which a test may stop and start at will, with standbys if it wants; never the shared test cluster. Removed when disposed.
/// </summary>
public sealed class ThrowAwayCluster : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";

    public int Port { get; }
    public string DataDirectory { get; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=map";

    private ThrowAwayCluster(int port, string dataDirectory) => (Port, DataDirectory) = (port, dataDirectory);

    private string LogFile => DataDirectory + ".log";

    public static async Task<ThrowAwayCluster> CreateAsync(string purpose)
    {
        var cluster = new ThrowAwayCluster(FreePort(), $"/var/lib/map-postgis/throwaway-{purpose}-{Guid.NewGuid():N}"[..60]);
        Directory.CreateDirectory(cluster.DataDirectory);
        await RunAsync("chown", "postgres:postgres", cluster.DataDirectory);
        await RunAsync("chmod", "700", cluster.DataDirectory);
        await AsPostgresAsync($"{Binaries}/initdb", "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync");
        await File.AppendAllTextAsync(Path.Combine(cluster.DataDirectory, "postgresql.conf"), $"""

            port = {cluster.Port}
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{cluster.DataDirectory}'
            max_connections = 100
            fsync = off
            shared_buffers = 32MB

            """);
        await File.WriteAllTextAsync(cluster.LogFile, "");
        await RunAsync("chown", "postgres:postgres", cluster.LogFile);
        await cluster.StartAsync();
        await AsPostgresAsync($"{Binaries}/createdb", "-h", "127.0.0.1", "-p", cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "map");
        return cluster;
    }

    /// <summary>
    /// A streaming standby of this cluster (pg_basebackup -R, as machine.md describes), on its own port and folder,
    /// answering reads once this returns.
    /// </summary>
    public async Task<ThrowAwayCluster> CreateStandbyAsync()
    {
        var standby = new ThrowAwayCluster(FreePort(), DataDirectory[..Math.Min(DataDirectory.Length, 52)] + "-standby");
        Directory.CreateDirectory(standby.DataDirectory);
        await RunAsync("chown", "postgres:postgres", standby.DataDirectory);
        await RunAsync("chmod", "700", standby.DataDirectory);
        await AsPostgresAsync($"{Binaries}/pg_basebackup", "-h", DataDirectory, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "-D", standby.DataDirectory, "-R", "-X", "stream", "-c", "fast", "--no-sync");
        await File.AppendAllTextAsync(Path.Combine(standby.DataDirectory, "postgresql.auto.conf"), $"""

            port = {standby.Port}
            unix_socket_directories = '{standby.DataDirectory}'

            """);
        await File.WriteAllTextAsync(standby.LogFile, "");
        await RunAsync("chown", "postgres:postgres", standby.LogFile);
        await standby.StartAsync();
        return standby;
    }

    /// <summary>Returns once the server accepts connections.</summary>
    public Task StartAsync() => AsPostgresAsync($"{Binaries}/pg_ctl", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start");

    /// <summary>A fast shutdown, as an operator's restart does: open sessions are terminated (57P01).</summary>
    public Task StopAsync() => AsPostgresAsync($"{Binaries}/pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        await RunAsync("runuser", ignoreFailure: true, "-u", "postgres", "--", $"{Binaries}/pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        Directory.Delete(DataDirectory, recursive: true);
        File.Delete(LogFile);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task AsPostgresAsync(string tool, params string[] arguments) =>
        RunAsync("runuser", ignoreFailure: false, ["-u", "postgres", "--", tool, .. arguments]);

    private static Task RunAsync(string tool, params string[] arguments) => RunAsync(tool, ignoreFailure: false, arguments);

    private static async Task RunAsync(string tool, bool ignoreFailure, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !ignoreFailure)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await errors}");
    }
}
