using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Map.Data;
using Map.Data.Model;
using Map.Import;
using Map.Import.Seeding;
using Map.IntegrationTests.Replication;
using Map.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Map.IntegrationTests.Imports;

/// <summary>
/// How a queued import ends when its run does not. Mostly: a worker killed (SIGKILL) in the middle of the job: the app, started as a real process with
/// `dotnet Map.Web.dll` on a throw-away database, claims the job, fetches its file and holds it while it waits for the
/// layer's write lock (which the test holds, so the kill lands mid-job every time). Then a new worker takes the job up
/// once the lease has run out: the import commits exactly once, or, with no attempts left, is failed with its reason.
/// Also a run past its timeout, and a worker that stops gracefully (gives the job back).
/// </summary>
public sealed class JobRecoveryTests : IAsyncLifetime
{
    private const int Points = 500;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);
    private TestDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("killed");
        dataSource = MapDataRegistration.CreateDataSource(database.ConnectionString);
        // The schema and the fixture's actors, as the app makes them at its start (the in-process workers need them too).
        await MapSchema.MigrateAsync(dataSource);
        var options = new DbContextOptionsBuilder<MapDbContext>();
        MapDataRegistration.Configure(options, dataSource);
        await using var db = new MapDbContext(options.Options);
        await new GeodataSeeder(db, TimeProvider.System).SeedAsync(new GeodataFiles(MapApplication.FixtureGeodata));
    }

    public async Task DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task AJobWhoseWorkerIsKilledMidImportIsRunAgainByTheNextWorkerAndCommitsOnce()
    {
        var (id, killedFolders) = await QueueAJobAndKillItsWorkerMidImport("killed-once");

        var report = await RunTheNextWorkerUntilTheJobEnds(id, maxAttempts: 3);

        Assert.Equal(ImportStatus.Succeeded, report.Status);
        Assert.Equal(2, report.Attempts);
        Assert.Equal(Points, report.Imported);
        Assert.Equal((long)Points, await Scalar<long>("SELECT count(*) FROM features WHERE layer_id = 'killed-once'"));
        Assert.Equal(1L, await Scalar<long>("SELECT count(*) FROM changes WHERE actor LIKE 'import ' || @id || '%'", ("id", id.ToString())));
        Assert.Equal("Succeeded", await Scalar<string>("SELECT status FROM imports WHERE id = @id", ("id", id)));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM import_jobs"));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM import_job_files"));
        // The killed process's work folder (its copy of the upload) was removed when the next worker started.
        Assert.All(killedFolders, folder => Assert.False(Directory.Exists(folder), folder));
    }

    [Fact]
    public async Task AJobPastItsAttemptsIsFailedWithItsReasonAndNeverLeftRunning()
    {
        var (id, _) = await QueueAJobAndKillItsWorkerMidImport("killed-for-good");

        var report = await RunTheNextWorkerUntilTheJobEnds(id, maxAttempts: 1);

        Assert.Equal(ImportStatus.Failed, report.Status);
        Assert.Equal(ImportErrors.WorkerLost, report.Error?.Code);
        Assert.Equal(1, report.Attempts);
        Assert.StartsWith("The import was started 1 time and each time its worker stopped before it finished", report.Error?.Message, StringComparison.Ordinal);
        Assert.Equal("Failed", await Scalar<string>("SELECT status FROM imports WHERE id = @id", ("id", id)));
        Assert.Equal("worker-lost", await Scalar<string>("SELECT report->'error'->>'code' FROM imports WHERE id = @id", ("id", id)));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM features WHERE layer_id = 'killed-for-good'"));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM import_jobs"));
    }

    [Fact]
    public async Task AJobThatRunsPastItsTimeoutIsFailedWithItsReason()
    {
        await using var hold = await HoldLayerLock("too-slow");
        var id = await Queue("too-slow");
        var options = new ImportQueueOptions { JobTimeout = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(200) };

        var report = await RunAWorkerUntilTheJobEnds(id, options);

        Assert.Equal(ImportStatus.Failed, report.Status);
        Assert.Equal(ImportErrors.TimedOut, report.Error?.Code);
        Assert.Equal("Failed", await Scalar<string>("SELECT status FROM imports WHERE id = @id", ("id", id)));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM import_jobs"));
    }

    [Fact]
    public async Task AWorkerThatStopsGivesItsJobBackQueuedAndTheNextOneRunsItAsItsFirstAttempt()
    {
        var hold = await HoldLayerLock("handed-over");
        var id = await Queue("handed-over");
        var options = new ImportQueueOptions { PollInterval = TimeSpan.FromMilliseconds(200) };
        using (var stop = new CancellationTokenSource())
        {
            var stopping = new ImportService(dataSource, TimeProvider.System, options).RunQueuedAsync(_ => { }, stop.Token);
            await WaitUntil(() => Scalar<bool>(
                "SELECT EXISTS (SELECT FROM imports WHERE id = @id AND status = 'Running') AND " + WaitsForALock, ("id", id)), app: null);
            await stop.CancelAsync();
            await stopping;
        }
        Assert.Equal("Queued", await Scalar<string>("SELECT status FROM imports WHERE id = @id", ("id", id)));
        Assert.Equal(0, await Scalar<int>("SELECT attempts FROM import_jobs WHERE id = @id", ("id", id)));
        await hold.DisposeAsync();

        var report = await RunAWorkerUntilTheJobEnds(id, options);

        Assert.Equal(ImportStatus.Succeeded, report.Status);
        Assert.Equal(1, report.Attempts);
        Assert.Equal((long)Points, await Scalar<long>("SELECT count(*) FROM features WHERE layer_id = 'handed-over'"));
    }

    /// <summary>A backend of the test database waits for an advisory lock (the layer's write lock that the test holds).</summary>
    private const string WaitsForALock = """
        EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
        """;

    private Task<LayerWriteLock> HoldLayerLock(string layer) => LayerWriteLock.HoldAsync(dataSource, layer);

    /// <summary>Queues a replace of <paramref name="layer"/> with <see cref="Points"/> points, as the upload door does.</summary>
    private async Task<Guid> Queue(string layer)
    {
        var zip = Path.Combine(Path.GetTempPath(), $"map-queued-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(zip, await ReplicatedApplication.ShapefileZipAsync(layer, Points));
        try
        {
            var queued = await new ImportService(dataSource, TimeProvider.System).EnqueueAsync(
                new ImportRequest { InputPath = zip, Layer = layer, Mode = ImportMode.Replace, RequestedBy = "job recovery test" });
            Assert.Null(queued.Error);
            Assert.Equal(ImportStatus.Queued, queued.Status);
            return queued.ImportId;
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>
    /// Starts the app as a child process, queues a job, waits until the child has claimed it and waits for the layer's lock
    /// (held here), then kills it with SIGKILL and lets the lock go. Returns the job and the work folders the child left.
    /// </summary>
    private async Task<(Guid Id, string[] Folders)> QueueAJobAndKillItsWorkerMidImport(string layer)
    {
        using var app = await StartTheAppAsync();
        try
        {
            await using var hold = await HoldLayerLock(layer);
            var id = await Queue(layer);

            var claimed = $"%:{app.Process.Id}:%";
            await WaitUntil(() => Scalar<bool>("""
                SELECT EXISTS (SELECT FROM import_jobs WHERE id = @id AND worker LIKE @claimed)
                   AND EXISTS (SELECT FROM imports WHERE id = @id AND status = 'Running')
                """ + " AND " + WaitsForALock, ("id", id), ("claimed", claimed)), app);

            var folders = Directory.GetDirectories(Path.GetTempPath(), $"map-job-{app.Process.Id}-*");
            Assert.NotEmpty(folders);
            app.Process.Kill();
            await app.Process.WaitForExitAsync();
            await hold.DisposeAsync();
            Assert.Equal("Running", await Scalar<string>("SELECT status FROM imports WHERE id = @id", ("id", id)));
            return (id, folders);
        }
        finally
        {
            if (!app.Process.HasExited) app.Process.Kill();
        }
    }

    /// <summary>An in-process worker (as another instance, or the app after its restart), until the job has ended.</summary>
    private Task<ImportReport> RunTheNextWorkerUntilTheJobEnds(Guid id, int maxAttempts) => RunAWorkerUntilTheJobEnds(
        id, new ImportQueueOptions { Lease = Lease, MaxAttempts = maxAttempts, PollInterval = TimeSpan.FromMilliseconds(200) });

    private async Task<ImportReport> RunAWorkerUntilTheJobEnds(Guid id, ImportQueueOptions options)
    {
        var ended = new TaskCompletionSource<ImportReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var worker = new ImportService(dataSource, TimeProvider.System, options)
            .RunQueuedAsync(report => { if (report.ImportId == id) ended.TrySetResult(report); }, stop.Token);
        try
        {
            return await ended.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        finally
        {
            await stop.CancelAsync();
            await worker;
        }
    }

    private sealed class ChildApp(Process process, StringBuilder output) : IDisposable
    {
        public Process Process { get; } = process;
        public string Output => output.ToString();
        public void Dispose() => Process.Dispose();
    }

    /// <summary>The web app as built next to its project (`dotnet Map.Web.dll`), migrating and seeding the test database.</summary>
    private async Task<ChildApp> StartTheAppAsync()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug" : "Release";
        var dll = Path.Combine(MapApplication.RepositoryRoot, "src", "Map.Web", "bin", configuration, "net10.0", "Map.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Map"] = database.ConnectionString;
        start.Environment["Map__GeodataPath"] = MapApplication.FixtureGeodata;
        start.Environment["Map__WebRootPath"] = Path.Combine(MapApplication.RepositoryRoot, "wwwroot");
        start.Environment["Map__Imports__LeaseSeconds"] = ((int)Lease.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Map__Imports__PollSeconds"] = "0.2";
        var output = new StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new ChildApp(process, output);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntil(async () =>
        {
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                return ready.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false; // Not listening yet, or still migrating and seeding on a busy machine.
            }
        }, app);
        return app;
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, ChildApp? app)
    {
        for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(90); await Task.Delay(100))
        {
            if (app?.Process.HasExited == true) Assert.Fail($"The app exited ({app.Process.ExitCode}):\n{app.Output}");
            if (await condition()) return;
        }
        Assert.Fail($"Not within 90 s. The app said:\n{app?.Output}");
    }

    private async Task<T> Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
