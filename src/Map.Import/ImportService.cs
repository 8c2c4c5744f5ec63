using System.Text.RegularExpressions;
using Map.Data.Model;
using Map.Import.Writing;
using Npgsql;

namespace Map.Import;

/// <summary>
/// The import application service, behind every door that writes features: `map import` (the CLI), POST /imports (the
/// upload endpoint and its background jobs) and the geodata seeder. It starts imports (recording them in the imports
/// table), runs them, queues them for a background worker and reports on them; and it owns the write protocol of a
/// layer (its lock and its statistics), which the seeder follows too.
/// </summary>
/// <remarks>
/// It answers with reports: a report whose <see cref="ImportReport.Error"/> is set carries a stable code from
/// <see cref="ImportErrors"/> and a message that names options the way the asking door does (<see cref="ImportRequest.Spelling"/>).
/// Only cancellation is thrown. Its SQL is in <see cref="ImportSql"/>.
/// </remarks>
public sealed partial class ImportService(NpgsqlDataSource dataSource, TimeProvider clock, ImportQueueOptions? queueOptions = null)
{
    private readonly ImportPipeline pipeline = new(dataSource, clock);
    private readonly ImportQueue queue = new(dataSource, queueOptions ?? new ImportQueueOptions());

    /// <summary>
    /// Why the request would be refused before any file is read (e.g. a layer id that cannot be one); null when it may go
    /// ahead. The upload door asks this before it reads the file, so a bad form costs nothing whatever the upload's size.
    /// </summary>
    public static ImportError? Check(ImportRequest request) => Refusal(request);

    /// <summary>Checks the request and records the import as running; a refused request gets an error and no record.</summary>
    public async Task<ImportReport> StartAsync(ImportRequest request, CancellationToken ct = default) =>
        (await StartAsync(request, holdRun: false, ct)).Report;

    /// <param name="holdRun">
    /// For an import that no job holds (the command line's): it says it is running by a lock on its id, taken on a
    /// session of its own before its row is written (<see cref="ImportSql.HoldRunAsync"/>); the caller keeps that session
    /// (<c>Run</c>) open to the import's end. If its process dies, the lock goes with the session, and the next import
    /// records it as interrupted (a job's worker is the queue's business: its lease).
    /// </param>
    private async Task<(ImportReport Report, NpgsqlConnection? Run)> StartAsync(ImportRequest request, bool holdRun, CancellationToken ct)
    {
        var report = NewReport(request);
        if (Refusal(request) is { } refusal) return (Fail(report, refusal), null);
        if (request.DryRun) return (report, null);
        NpgsqlConnection? run = null;
        try
        {
            if (holdRun)
            {
                run = await dataSource.OpenConnectionAsync(ct);
                await ImportSql.HoldRunAsync(run, report.ImportId, ct);
                await ImportSql.StartRecordAsync(run, report, ct);
            }
            else await ImportSql.StartRecordAsync(dataSource, report, ct);
            await EndInterruptedRunsAsync(ct);
            return (report, run);
        }
        catch (NpgsqlException e)
        {
            if (run is not null) await run.DisposeAsync();
            return (Fail(report, DatabaseError(e)), null);
        }
    }

    /// <summary>Runs an import to its end: the report says what was done, or why not.</summary>
    public Task<ImportReport> RunAsync(ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        RunAsync(request, progress, null, ct);

    private async Task<ImportReport> RunAsync(ImportRequest request, IProgress<ImportProgress>? progress, JobRun? job, CancellationToken ct)
    {
        var (report, run) = await StartAsync(request, holdRun: job is null, ct);
        await using var runSession = run;
        if (report.Error is not null) return report;
        var recorded = !request.DryRun;
        var work = ImportWorkFolders.Create(ImportWorkFolders.Import);
        try
        {
            await pipeline.RunAsync(request with { ImportId = report.ImportId }, report, work.FullName, progress, job is null ? null : job.Complete, ct);
            if (request.DryRun) report.Finish(ImportStatus.Succeeded, clock.GetUtcNow());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A job cancelled because its instance stops or lost the job to another worker is not over: it is not recorded.
            if (job is not null && e is OperationCanceledException && !job.TimedOut) throw;
            await FailAsync(report, job is not null && e is OperationCanceledException ? job.TimeoutError() : e, recorded, job);
            if (e is OperationCanceledException && job is null) throw;
        }
        finally
        {
            work.Delete(recursive: true);
        }
        return report;
    }

    /// <summary>

    /// <summary>
    /// Records the import as queued and queues it, with the file at <see cref="ImportRequest.InputPath"/> (its bytes are
    /// stored with the job: the caller may delete the file once this returns), for whichever instance's worker claims it
    /// (<see cref="RunQueuedAsync"/>); the caller polls <see cref="ReportAsync"/>. A dry run is not queued.
    /// </summary>
    public async Task<ImportReport> EnqueueAsync(ImportRequest request, CancellationToken ct = default)
    {
        var report = NewReport(request with { ImportId = request.ImportId ?? Guid.NewGuid() });
        if (Refusal(request) is { } refusal) return Fail(report, refusal);
        if (request.DryRun) return report;
        report.Status = ImportStatus.Queued;
        try
        {
            await queue.AddAsync(report, request, ct);
        }
        catch (NpgsqlException e)
        {
            return Fail(report, DatabaseError(e));
        }
        return report;
    }

    /// <summary>
    /// Runs queued imports one at a time (an import keeps a core and the database busy) until <paramref name="ct"/>
    /// stops it; the host's background worker calls it. Work folders that stopped processes left behind are removed
    /// first. <paramref name="finished"/> hears of each import's end, <paramref name="trouble"/> of a database that
    /// could not be reached (the worker then tries again at the next poll).
    /// </summary>
    public async Task RunQueuedAsync(Action<ImportReport> finished, CancellationToken ct, Action<Exception>? trouble = null)
    {
        ImportWorkFolders.RemoveStale();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await queue.ClaimAsync(ct) is { } job) finished(await RunJobAsync(job, ct));
                else await queue.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The database unreachable, a file that cannot be written…: the worker must outlive it (a dead worker would
                // stop the host). A job it held is claimed again when its lease runs out, up to its attempts.
                trouble?.Invoke(e);
                if (await WaitOrStopAsync(queue.Options.PollInterval, ct)) return;
            }
        }
    }

    /// <returns>True when <paramref name="ct"/> stopped the wait.</returns>
    private static async Task<bool> WaitOrStopAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>
    /// One claim of a job: the file fetched from the database into a work folder, the import run while the lease is
    /// renewed, within the job timeout. A job claimed more often than allowed is failed without running.
    /// </summary>
    private async Task<ImportReport> RunJobAsync(ClaimedJob claimed, CancellationToken stopping)
    {
        var request = claimed.Request with { ImportId = claimed.Id, Attempt = claimed.Attempt };
        var options = queue.Options;
        using var run = new JobRun(queue, claimed, options, stopping);
        if (claimed.Attempt > options.MaxAttempts)
        {
            // This claim only ends the job: the report counts the runs that were started.
            var report = NewReport(request with { Attempt = claimed.Attempt - 1 });
            await FailAsync(report, new ImportException(ImportErrors.WorkerLost,
                $"The import was started {options.MaxAttempts} time{(options.MaxAttempts == 1 ? "" : "s")} and each time its worker stopped " +
                "before it finished (its process was " +
                $"killed or restarted, or lost the database; last worker: {claimed.PreviousWorker ?? "unknown"}). It is not tried again; " +
                "nothing was written."), recorded: true, run);
            return report;
        }

        var folder = ImportWorkFolders.Create(ImportWorkFolders.Job);
        var heartbeat = run.KeepLeaseAsync();
        try
        {
            var path = await queue.FetchFileAsync(claimed, folder.FullName, run.Token);
            return await RunAsync(request with { InputPath = path }, null, run, run.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await queue.ReleaseAsync(claimed, CancellationToken.None);
            throw;
        }
        catch (OperationCanceledException) when (run.Lost)
        {
            var report = NewReport(request);
            report.Warnings.Add("This worker lost the job (its lease ran out) to another worker, which runs it.");
            return report;
        }
        finally
        {
            await run.StopAsync(heartbeat);
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The report of an import as recorded (running, succeeded or failed); null when there is no such import.</summary>
    public Task<ImportReport?> ReportAsync(Guid importId, CancellationToken ct = default) => ImportSql.ReadReportAsync(dataSource, importId, ct);

    /// <summary>
    /// The write lock of each layer, in the transaction of <paramref name="connection"/>: whoever writes a layer's features
    /// outside an import (the seeder) takes it first, so imports and other writers of one layer take turns.
    /// </summary>
    public static async Task LockLayersForWriteAsync(NpgsqlConnection connection, IEnumerable<string> layerIds, CancellationToken ct)
    {
        foreach (var layerId in layerIds.Order(StringComparer.Ordinal)) await ImportSql.LockLayerAsync(connection, layerId, ct);
    }

    /// <summary>Fresh statistics for layers whose rows were written outside an import (each import ends with its own).</summary>
    public static async Task RefreshStatisticsAsync(NpgsqlConnection connection, IEnumerable<string> layerIds, CancellationToken ct)
    {
        foreach (var layerId in layerIds) await ImportSql.RefreshStatisticsAsync(connection, layerId, ct);
    }

    /// <summary>The problem a database failure is: one it refused (with PostgreSQL's message) or one that could not be reached.</summary>
    /// <remarks>
    /// A server that is shutting down, starting, or not reachable (57P01–57P03, class 08: e.g. a pooled connection the
    /// stopped primary ended) is unavailable, not a refusal: the client may retry.
    /// </remarks>
    public static ImportError DatabaseError(NpgsqlException e) => e is PostgresException pg
            && !(pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                || pg.SqlState.StartsWith("08", StringComparison.Ordinal))
        ? new ImportError(ImportErrors.DatabaseRefused, $"PostGIS refused the import: {pg.MessageText} (SQLSTATE {pg.SqlState}). Nothing was written.")
        : new ImportError(ImportErrors.DatabaseUnavailable, $"cannot reach PostGIS ({e.Message}). Nothing was written.");

    private ImportReport NewReport(ImportRequest request) => new()
    {
        RequestedBy = request.RequestedBy,
        Attempts = request.Attempt,
        ImportId = request.ImportId ?? Guid.NewGuid(),
        FileName = request.DisplayName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(request.InputPath)),
        Layer = request.Layer,
        Mode = request.Mode,
        DryRun = request.DryRun,
        StartedAt = clock.GetUtcNow(),
        Spelling = request.Spelling,
    };

    private static ImportError? Refusal(ImportRequest request) => LayerId().IsMatch(request.Layer) ? null
        : new ImportError(ImportErrors.InvalidOption,
            $"{ImportOption.Layer} '{request.Layer}' is not a layer id: use 1–64 lowercase letters, digits, '-' or '_', starting with a letter or digit.");

    /// <summary>
    /// Imports recorded as running that nothing runs any more — no job holds them and the session that ran them is gone
    /// (a `map import` killed mid-run, or whose machine went away) — are recorded as failed: nothing of theirs was
    /// committed (their swap or commit would have recorded them), and a table one left behind is dropped by the next
    /// import of its layer. Every import that records itself runs this first.
    /// </summary>
    private async Task EndInterruptedRunsAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var report in await ImportSql.InterruptedRunsAsync(connection, ct))
        {
            Fail(report, new ImportError(ImportErrors.Interrupted,
                "The import stopped before it finished: the process that ran it ended (killed, or it lost the database) " +
                "and no job holds it. Nothing was written; run it again."));
            await ImportSql.FinishRecordAsync(connection, report, ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// A failed import: nothing was created, imported or removed; its record says so, with the error. A job's failure
    /// is recorded, and the job ended, only while its worker still holds it (<see cref="ImportQueue.CompleteAsync"/>).
    /// </summary>
    private async Task FailAsync(ImportReport report, Exception e, bool recorded, JobRun? job = null)
    {
        var error = e switch
        {
            ImportException refused => new ImportError(refused.Code, refused.Message),
            NpgsqlException database => DatabaseError(database),
            OperationCanceledException => new ImportError(ImportErrors.Cancelled, "The import was cancelled; nothing was written."),
            _ => new ImportError(ImportErrors.InternalError, $"The import failed unexpectedly ({e.GetType().Name}: {e.Message}); nothing was written."),
        };
        Fail(report, error);
        if (!recorded) return;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            if (job is not null && !await job.Complete(connection, CancellationToken.None)) return;
            await ImportSql.FinishRecordAsync(connection, report, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The database is gone: the record stays Running, as for a process killed mid-import (a job is claimed again).
        }
    }

    private ImportReport Fail(ImportReport report, ImportError error)
    {
        report.Error = error;
        (report.LayerCreated, report.Imported, report.Removed, report.WriteMethod) = (false, 0, 0, null);
        report.Finish(ImportStatus.Failed, clock.GetUtcNow());
        return report;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex LayerId();
}
