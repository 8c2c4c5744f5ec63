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
public sealed partial class ImportService(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private readonly ImportPipeline pipeline = new(dataSource, clock);
    private readonly ImportQueue queue = new();

    /// <summary>Checks the request and records the import as running; a refused request gets an error and no record.</summary>
    public async Task<ImportReport> StartAsync(ImportRequest request, CancellationToken ct = default)
    {
        var report = NewReport(request);
        if (Refusal(request) is { } refusal) return Fail(report, refusal);
        try
        {
            if (!request.DryRun) await ImportSql.StartRecordAsync(dataSource, report, ct);
        }
        catch (NpgsqlException e)
        {
            return Fail(report, DatabaseError(e));
        }
        return report;
    }

    /// <summary>Runs an import to its end (starting it unless it was queued): the report says what was done, or why not.</summary>
    public async Task<ImportReport> RunAsync(ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var report = await StartAsync(request, ct);
        if (report.Error is not null) return report;
        var recorded = !request.DryRun;
        var work = Directory.CreateTempSubdirectory("map-import-");
        try
        {
            await pipeline.RunAsync(request with { ImportId = report.ImportId }, report, work.FullName, progress, ct);
            if (request.DryRun) report.Finish(ImportStatus.Succeeded, clock.GetUtcNow());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await FailAsync(report, e, recorded);
            if (e is OperationCanceledException) throw;
        }
        finally
        {
            work.Delete(recursive: true);
        }
        return report;
    }

    /// <summary>
    /// Records the import as running and queues it for the background worker (<see cref="RunQueuedAsync"/>); the caller
    /// polls <see cref="ReportAsync"/>. <paramref name="resources"/> (e.g. the uploaded file) are disposed after it ran.
    /// </summary>
    public async Task<ImportReport> EnqueueAsync(ImportRequest request, IDisposable? resources = null, CancellationToken ct = default)
    {
        var report = await StartAsync(request with { ImportId = request.ImportId ?? Guid.NewGuid() }, ct);
        if (report.Error is not null || request.DryRun)
        {
            resources?.Dispose();
            return report;
        }
        await queue.AddAsync(new QueuedImport(request with { ImportId = report.ImportId }, resources), ct);
        return report;
    }

    /// <summary>
    /// Runs queued imports one at a time (an import keeps a core and the database busy) until <paramref name="ct"/>
    /// stops it; the host's background worker calls it. <paramref name="finished"/> hears of each import's end.
    /// </summary>
    public async Task RunQueuedAsync(Action<ImportReport> finished, CancellationToken ct)
    {
        await foreach (var queued in queue.TakeAllAsync(ct))
        {
            using (queued.Resources) finished(await RunAsync(queued.Request, null, ct));
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

    /// <summary>A failed import: nothing was created, imported or removed; its record says so, with the error.</summary>
    private async Task FailAsync(ImportReport report, Exception e, bool recorded)
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
            await ImportSql.FinishRecordAsync(connection, report, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The database is gone: the record stays Running, as for a process killed mid-import.
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
