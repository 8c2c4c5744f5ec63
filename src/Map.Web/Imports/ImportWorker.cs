using Map.Import;

namespace Map.Web.Imports;

/// <summary>
/// Runs queued imports (<see cref="ImportService.EnqueueAsync"/>), in the background, one at a time: the jobs of every
/// instance on the database, claimed from the import_jobs table. Their status is the imports row, which GET
/// /imports/{id} reads on any instance.
/// </summary>
public sealed partial class ImportWorker(ImportService imports, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => imports.RunQueuedAsync(Log, stoppingToken, e => LogTrouble(logger, e.Message)), stoppingToken);

    private void Log(ImportReport report)
    {
        if (report.Error is { } error) LogRefused(logger, report.ImportId, report.FileName, error.Code, error.Message);
        else if (report.Status == Map.Data.Model.ImportStatus.Succeeded) LogImported(logger, report.ImportId, report.FileName, report.Layer, report.Imported);
    }

    [LoggerMessage(LogLevel.Information, "Import {Id} of {File} into {Layer}: {Imported} features")]
    private static partial void LogImported(ILogger logger, Guid id, string file, string layer, int imported);

    [LoggerMessage(LogLevel.Warning, "Import {Id} of {File} did not happen: [{Code}] {Message}")]
    private static partial void LogRefused(ILogger logger, Guid id, string file, string code, string message);

    [LoggerMessage(LogLevel.Warning, "The import worker met a problem and tries again at its next poll: {Message}")]
    private static partial void LogTrouble(ILogger logger, string message);
}
