using System.Threading.Channels;

namespace Map.Import;

/// <summary>An import waiting for the background worker, with what to dispose once it has run (the uploaded file's folder).</summary>
internal sealed record QueuedImport(ImportRequest Request, IDisposable? Resources);

/// <summary>
/// Imports waiting to run, in memory: a process that stops loses them (their imports rows stay Running). This is the
/// one class to change for a durable queue, e.g. a PostgreSQL table claimed with FOR UPDATE SKIP LOCKED: the doors only
/// call <see cref="ImportService.EnqueueAsync"/> and the host's worker only <see cref="ImportService.RunQueuedAsync"/>.
/// </summary>
internal sealed class ImportQueue
{
    private readonly Channel<QueuedImport> channel = Channel.CreateUnbounded<QueuedImport>();

    public ValueTask AddAsync(QueuedImport import, CancellationToken ct) => channel.Writer.WriteAsync(import, ct);

    public IAsyncEnumerable<QueuedImport> TakeAllAsync(CancellationToken ct) => channel.Reader.ReadAllAsync(ct);
}
