using Map.Import;

namespace Map.Web.Imports;

/// <summary>
/// Runs the imports that uploads queued (<see cref="ImportService.EnqueueAsync"/>), in the background, one at a time;
/// their status is the imports table row, which GET /imports/{id} reads.
/// </summary>
public sealed partial class ImportWorker(ImportService imports, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => imports.RunQueuedAsync(Log, stoppingToken);

    private void Log(ImportReport report)
    {
        if (report.Error is { } error) LogRefused(logger, report.ImportId, report.FileName, error.Code, error.Message);
        else LogImported(logger, report.ImportId, report.FileName, report.Layer, report.Imported);
    }

    [LoggerMessage(LogLevel.Information, "Import {Id} of {File} into {Layer}: {Imported} features")]
    private static partial void LogImported(ILogger logger, Guid id, string file, string layer, int imported);

    [LoggerMessage(LogLevel.Warning, "Import {Id} of {File} did not happen: [{Code}] {Message}")]
    private static partial void LogRefused(ILogger logger, Guid id, string file, string code, string message);
}
