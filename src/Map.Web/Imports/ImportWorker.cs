using System.Threading.Channels;
using Map.Import;

namespace Map.Web.Imports;

/// <summary>
/// Large uploads are imported here, one at a time, after the request has returned 202; their status is the imports
/// table row, which GET /imports/{id} reads. One at a time because an import saturates a core and the database.
/// </summary>
public sealed partial class ImportJobs(ImportPipeline pipeline, ILogger<ImportJobs> logger) : BackgroundService
{
    private readonly Channel<(ImportRequest Request, Upload Upload)> queue = Channel.CreateUnbounded<(ImportRequest, Upload)>();

    public void Enqueue(ImportRequest request, Upload upload) => queue.Writer.TryWrite((request, upload));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (request, upload) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            using (upload)
            {
                try
                {
                    var report = await pipeline.RunAsync(request, null, stoppingToken);
                    LogImported(logger, report.ImportId, report.FileName, report.Layer, report.Imported);
                }
                catch (ImportException e)
                {
                    LogRefused(logger, request.ImportId, upload.FileName, e.Code, e.Message);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e, request.ImportId, upload.FileName);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Import {Id} of {File} into {Layer}: {Imported} features")]
    private static partial void LogImported(ILogger logger, Guid id, string file, string layer, int imported);

    [LoggerMessage(LogLevel.Warning, "Import {Id} of {File} refused: [{Code}] {Message}")]
    private static partial void LogRefused(ILogger logger, Guid? id, string file, string code, string message);

    [LoggerMessage(LogLevel.Error, "Import {Id} of {File} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid? id, string file);
}
