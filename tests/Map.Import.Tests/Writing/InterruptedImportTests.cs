using System.Diagnostics;
using Map.Import.Tests.Fixture;
using Map.Testing;

namespace Map.Import.Tests.Writing;

/// <summary>
/// A `map import` killed mid-run (SIGKILL: no catch, no finally runs) cannot record its own end. Its session said it
/// was running (a lock on its id); the next import, from any door, finds the row running with nobody holding that lock
/// and records it as failed, `interrupted`. An import whose process is alive is left alone.
/// </summary>
/// <remarks>
/// The CLI runs as a real process (`dotnet map-cli.dll`), and the test holds the layer's write lock, so the import waits
/// for it with its row running and the kill lands mid-run every time.
/// </remarks>
[Collection(ImportCollection.Name)]
public sealed class InterruptedImportTests(ImportFixture fixture)
{
    [Fact]
    public async Task AnImportWhoseProcessIsKilledIsRecordedAsInterruptedByTheNextImport()
    {
        var hold = await HoldLayerLock("killed-mid-run");
        using var cli = StartCli(fixture.ManyPoints("killed", 500), "killed-mid-run");
        var id = await RunningImportOf("killed-mid-run", cli);
        cli.Kill(entireProcessTree: true);
        await cli.WaitForExitAsync();
        await hold.DisposeAsync();
        await UntilNoSessionRuns(id);

        var next = await fixture.Cli("import", fixture.ManyPoints("after-kill", 3), "--layer", "after-kill");

        Assert.Equal(0, next.ExitCode);
        Assert.Equal("Failed/interrupted", await StatusAndCode(id));
        Assert.StartsWith("The import stopped before it finished", await fixture.Scalar<string>(
            "SELECT report->'error'->>'message' FROM imports WHERE id = @id", ("id", id)), StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM features WHERE layer_id = 'killed-mid-run'"));
    }

    [Fact]
    public async Task AnImportWhoseProcessIsAliveIsLeftRunningAndEndsOnItsOwn()
    {
        var hold = await HoldLayerLock("alive-mid-run");
        using var cli = StartCli(fixture.ManyPoints("alive", 5), "alive-mid-run");
        var id = await RunningImportOf("alive-mid-run", cli);

        var next = await fixture.Cli("import", fixture.ManyPoints("beside-alive", 3), "--layer", "beside-alive");

        Assert.Equal(0, next.ExitCode);
        Assert.Equal("Running/", await StatusAndCode(id));
        await hold.DisposeAsync();
        await cli.WaitForExitAsync();
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal("Succeeded/", await StatusAndCode(id));
    }

    private Process StartCli(string shapefile, string layer)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "map-cli.dll"), "import", shapefile, "--layer", layer, "--connection", fixture.ConnectionString,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        // Drained, so that a full pipe never blocks the CLI.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>The id of the layer's import once its row says running (the CLI then waits for the layer's lock).</summary>
    private async Task<Guid> RunningImportOf(string layer, Process cli)
    {
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(50))
        {
            Assert.False(cli.HasExited, "the CLI ended before its import was running");
            if (await fixture.Scalar<object>("SELECT id FROM imports WHERE layer_id = @layer AND status = 'Running'", ("layer", layer)) is Guid id)
                return id;
        }
        throw new TimeoutException($"no running import of {layer} after 60 s");
    }

    /// <summary>Waits until the killed process's sessions are gone (PostgreSQL notices a dead client within moments).</summary>
    private async Task UntilNoSessionRuns(Guid id)
    {
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(50))
        {
            if (!await fixture.Scalar<bool>("""
                SELECT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND classid = 7165
                               AND objid::bigint = (hashtext(@id::text)::bigint & 4294967295))
                """, ("id", id)))
                return;
        }
        throw new TimeoutException($"the killed import {id} still holds its run lock after 30 s");
    }

    private Task<string> StatusAndCode(Guid id) => fixture.Scalar<string>(
        "SELECT status || '/' || coalesce(report->'error'->>'code', '') FROM imports WHERE id = @id", ("id", id));

    private Task<LayerWriteLock> HoldLayerLock(string layer) => LayerWriteLock.HoldAsync(fixture.DataSource, layer);
}
