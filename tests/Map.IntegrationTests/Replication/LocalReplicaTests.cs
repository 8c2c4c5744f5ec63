using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Map.Testing;
using Npgsql;

namespace Map.IntegrationTests.Replication;

/// <summary>
/// `./map db replica start` then `./map run`, as the README tells a developer: the standby streams, `status` says
/// so, and the app says it reads from the standby and does. On a cluster and standby of the test's own (MAP_PG_DATA
/// and MAP_PG_PORT of its own), stopped and removed at the end.
/// </summary>
public sealed class LocalReplicaTests
{
    [Fact]
    public async Task AfterReplicaStartTheMapReadsFromTheStandby()
    {
        var data = $"/var/lib/map-postgis/throwaway-script-{Guid.NewGuid():N}"[..50];
        var (port, appPort) = (FreePort(), FreePort());
        var replicaPort = FreePort();
        var secrets = Path.Combine(Path.GetTempPath(), $"map-replica-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string>
        {
            ["MAP_PG_DATA"] = data,
            ["MAP_PG_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["MAP_REPLICA_PORT"] = replicaPort.ToString(CultureInfo.InvariantCulture),
            ["MAP_PORT"] = appPort.ToString(CultureInfo.InvariantCulture),
            // Passwords of its own (./map writes a pgpass beside them), so the checkout's .local is left alone.
            ["MAP_DB_SECRETS"] = Path.Combine(secrets, "database.env"),
            // The test run has built the app already (Release, like ./map run): building it again under a loaded
            // machine took longer than the wait below.
            ["MAP_NO_BUILD"] = "1",
        };
        try
        {
            var (started, startOutput) = await MapAsync(environment, "db", "replica", "start");
            Assert.True(started == 0, startOutput);
            var (_, status) = await MapAsync(environment, "db", "replica", "status");
            Assert.Contains($"standby 127.0.0.1:{replicaPort}: streaming from 127.0.0.1:{port}, replay lag ", status, StringComparison.Ordinal);

            var output = new StringBuilder();
            using var run = Start(environment, output, "run", "--Map:GeodataPath=" + MapApplication.FixtureGeodata);
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{appPort}") };
                var answered = await WaitForAsync(async () => (await client.GetAsync("/collections/bases/items")).StatusCode == HttpStatusCode.OK,
                    TimeSpan.FromMinutes(4));
                Assert.True(answered, output.ToString());
                Assert.Contains($"reads from the standby on 127.0.0.1:{replicaPort}", output.ToString(), StringComparison.Ordinal);

                var password = File.ReadAllLines(Path.Combine(secrets, "database.env"))
                    .Single(line => line.StartsWith("postgres=", StringComparison.Ordinal))["postgres=".Length..];
                await using var standby = new NpgsqlConnection(
                    $"Host=127.0.0.1;Port={replicaPort};Username=postgres;Password={password};Database=map;Pooling=false");
                await standby.OpenAsync();
                await using var reads = new NpgsqlCommand(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = 'map' AND usename = 'map_reader' AND pid <> pg_backend_pid() " +
                    // The items query builds each feature's GeoJSON; its FROM lies beyond the 1 kB of text pg_stat_activity keeps.
                    "AND query LIKE '%{\"type\":\"Feature\"%'", standby);
                await using var sessions = new NpgsqlCommand(
                    "SELECT coalesce(string_agg(usename || ': ' || left(query, 80), ' | '), 'none') FROM pg_stat_activity " +
                    "WHERE datname = 'map' AND pid <> pg_backend_pid()", standby);
                Assert.True((long)(await reads.ExecuteScalarAsync())! > 0,
                    $"no read of features by map_reader on the standby; its sessions: {await sessions.ExecuteScalarAsync()}");
            }
            finally
            {
                run.Kill(entireProcessTree: true);
                await run.WaitForExitAsync();
            }
        }
        finally
        {
            await MapAsync(environment, "db", "replica", "stop");
            await MapAsync(environment, "db", "stop");
            foreach (var folder in new[] { data, data + "-standby" })
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                File.Delete(folder + ".log");
            }
            if (Directory.Exists(secrets)) Directory.Delete(secrets, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> MapAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        var output = new StringBuilder();
        using var process = Start(environment, output, arguments);
        await process.WaitForExitAsync();
        return (process.ExitCode, output.ToString());
    }

    private static Process Start(Dictionary<string, string> environment, StringBuilder output, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(MapApplication.RepositoryRoot, "map"))
        {
            WorkingDirectory = MapApplication.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment.Remove("ConnectionStrings__MapRead");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            try
            {
                if (await condition()) return true;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(500);
        }
        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
