using System.Threading.Channels;
using Map.Import;

namespace Map.Web.Imports;

/// <summary>
/// Large uploads are imported here, one at a time, after the request has returned 202; their status is the imports
/// table row, which GET /imports/{id} reads. One at a time because an import saturates a core and the database.
/// </summary>
public sealed class ImportJobs(ImportPipeline pipeline, ILogger<ImportJobs> logger) : BackgroundService
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
                    logger.LogInformation("Import {Id} of {File} into {Layer}: {Imported} features", report.ImportId, report.FileName, report.Layer, report.Imported);
                }
                catch (ImportException e)
                {
                    logger.LogWarning("Import {Id} of {File} refused: [{Code}] {Message}", request.ImportId, upload.FileName, e.Code, e.Message);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Import {Id} of {File} failed", request.ImportId, upload.FileName);
                }
            }
        }
    }
}
