using System.Text.Json;
using System.Threading.Channels;
using Map.Import.Writing;
using Npgsql;
using NpgsqlTypes;

namespace Map.Import;

/// <summary>How the queue hands out jobs; the web app reads them from Map:Imports (ImportsOptions).</summary>
public sealed record ImportQueueOptions
{
    /// <summary>A claimed job is its worker's for this long; the worker renews it every third of it while the import runs.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Claims of one job, counting the first: a job whose workers died this many times is failed (worker-lost).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>How often an idle worker looks for a job (a job queued by its own instance wakes it at once).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest one run of a job may take; it is then cancelled and failed (timed-out), not retried.</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>A job its worker holds: the request (its input is the file fetched into a work folder) and which claim this is.</summary>
internal sealed record ClaimedJob(Guid Id, ImportRequest Request, string FileName, int Attempt, string? PreviousWorker);

/// <summary>
/// The upload queue, in PostgreSQL (tables import_jobs and import_job_files, migration ImportJobs): the one class that
/// knows them. Any instance adds jobs and any instance's worker claims them with FOR UPDATE SKIP LOCKED; a claim is a
/// lease the worker renews, so a job whose worker died (kill -9, restart, lost connection) is claimed again once its
/// lease has run out. The uploaded file travels with the job, as bytes in the database: instances share no disk.
/// </summary>
internal sealed class ImportQueue(NpgsqlDataSource dataSource, ImportQueueOptions options)
{
    private const int PartBytes = 1 << 20;

    /// <summary>Wakes this instance's worker when this instance queued a job; signals coalesce (capacity 1).</summary>
    private readonly Channel<bool> added = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>This worker's name in import_jobs.worker: the host, the process and this queue (several per process in tests).</summary>
    public string Worker { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public ImportQueueOptions Options => options;

    /// <summary>
    /// Records the import as queued and stores the job with its file, in one transaction: either the import is queued
    /// with its bytes, or nothing is written.
    /// </summary>
    public async Task AddAsync(ImportReport report, ImportRequest request, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ImportSql.StartRecordAsync(connection, report, ct);
        await using (var command = new NpgsqlCommand(
            "INSERT INTO import_jobs (id, request, file_name, requested_by) VALUES (@id, @request, @file, @by)", connection, transaction))
        {
            command.Parameters.AddWithValue("id", report.ImportId);
            command.Parameters.AddWithValue("request", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(request with { InputPath = "" }, ImportReport.Json));
            command.Parameters.AddWithValue("file", Path.GetFileName(request.InputPath));
            command.Parameters.AddWithValue("by", report.RequestedBy ?? "");
            await command.ExecuteNonQueryAsync(ct);
        }
        await using (var file = File.OpenRead(request.InputPath))
        {
            var buffer = new byte[PartBytes];
            for (var part = 0; ; part++)
            {
                var read = await file.ReadAtLeastAsync(buffer, PartBytes, throwOnEndOfStream: false, ct);
                if (read == 0 && part > 0) break;
                await using var command = new NpgsqlCommand(
                    "INSERT INTO import_job_files (job_id, part, bytes) VALUES (@id, @part, @bytes)", connection, transaction);
                command.Parameters.AddWithValue("id", report.ImportId);
                command.Parameters.AddWithValue("part", part);
                command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("bytes", NpgsqlDbType.Bytea) { TypedValue = buffer.AsMemory(0, read) });
                await command.ExecuteNonQueryAsync(ct);
                if (read < PartBytes) break;
            }
        }
        await transaction.CommitAsync(ct);
        added.Writer.TryWrite(true);
    }

    /// <summary>Waits until this instance queued a job or the poll interval has passed.</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(ct);
        poll.CancelAfter(options.PollInterval);
        try
        {
            await added.Reader.ReadAsync(poll.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Time to look at the table for other instances' jobs.
        }
    }

    /// <summary>
    /// Claims the oldest job that no live worker holds (never queued, or whose lease ran out), for
    /// <see cref="ImportQueueOptions.Lease"/>. Null when there is none.
    /// </summary>
    /// <returns>The job; one past its attempts comes back too, for the caller to fail.</returns>
    public async Task<ClaimedJob?> ClaimAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        ClaimedJob? job;
        await using (var command = new NpgsqlCommand("""
            WITH next AS (
                SELECT id, worker FROM import_jobs
                WHERE lease_until IS NULL OR lease_until < now()
                ORDER BY queued_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            UPDATE import_jobs j SET attempts = j.attempts + 1, worker = @worker, lease_until = now() + @lease
            FROM next WHERE j.id = next.id
            RETURNING j.id, j.request::text, j.file_name, j.attempts, next.worker
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("worker", Worker);
            command.Parameters.AddWithValue("lease", options.Lease);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            var request = JsonSerializer.Deserialize<ImportRequest>(reader.GetString(1), ImportReport.Json)!;
            job = new ClaimedJob(reader.GetGuid(0), request, reader.GetString(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }
        await transaction.CommitAsync(ct);
        return job;
    }

    /// <summary>Writes the job's file into <paramref name="folder"/>, one part at a time; returns its path.</summary>
    public async Task<string> FetchFileAsync(ClaimedJob job, string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, job.FileName);
        await using var file = File.Create(path);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT bytes FROM import_job_files WHERE job_id = @id ORDER BY part", connection);
        command.Parameters.AddWithValue("id", job.Id);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            await using var part = await reader.GetStreamAsync(0, ct);
            await part.CopyToAsync(file, ct);
        }
        return path;
    }

    /// <summary>Renews the lease; false when the job is no longer this worker's (its lease ran out and another claimed it).</summary>
    public async Task<bool> RenewAsync(ClaimedJob job, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE import_jobs SET lease_until = now() + @lease WHERE id = @id AND worker = @worker");
        command.Parameters.AddWithValue("id", job.Id);
        command.Parameters.AddWithValue("worker", Worker);
        command.Parameters.AddWithValue("lease", options.Lease);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Ends the job inside the transaction that records its import's end (the import's own commit for a success): its row
    /// and file are deleted only if this worker still holds it. False: another worker has it, and this transaction must
    /// not commit (the import then commits once, by the worker that holds the job).
    /// </summary>
    public async Task<bool> CompleteAsync(ClaimedJob job, NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("DELETE FROM import_jobs WHERE id = @id AND worker = @worker", connection);
        command.Parameters.AddWithValue("id", job.Id);
        command.Parameters.AddWithValue("worker", Worker);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Gives the job back without counting the attempt (this instance is stopping): the next worker to look, here after a
    /// restart or on another instance, claims it at once. Its import is queued again.
    /// </summary>
    public async Task ReleaseAsync(ClaimedJob job, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand("""
            WITH released AS (
                UPDATE import_jobs SET attempts = attempts - 1, worker = NULL, lease_until = NULL WHERE id = @id AND worker = @worker
                RETURNING id)
            UPDATE imports SET status = 'Queued', report = jsonb_set(report, '{status}', '"queued"') WHERE id IN (SELECT id FROM released)
            """, connection, transaction);
        command.Parameters.AddWithValue("id", job.Id);
        command.Parameters.AddWithValue("worker", Worker);
        await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}

/// <summary>
/// One claim of a job while it runs: what may end it early (the instance stopping, the lease lost to another worker,
/// the job timeout) and the heartbeat that renews its lease.
/// </summary>
internal sealed class JobRun : IDisposable
{
    private readonly ImportQueue queue;
    private readonly ClaimedJob job;
    private readonly ImportQueueOptions options;
    private readonly CancellationToken stopping;
    private readonly CancellationTokenSource cancel;
    private readonly CancellationTokenSource heartbeat = new();

    public JobRun(ImportQueue queue, ClaimedJob job, ImportQueueOptions options, CancellationToken stopping)
    {
        (this.queue, this.job, this.options, this.stopping) = (queue, job, options, stopping);
        cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        cancel.CancelAfter(options.JobTimeout);
    }

    /// <summary>Cancelled when the instance stops, the job is lost or its time is up.</summary>
    public CancellationToken Token => cancel.Token;

    /// <summary>Another worker holds the job now (this one's lease ran out): this run must not record anything.</summary>
    public bool Lost { get; private set; }

    public bool TimedOut => cancel.IsCancellationRequested && !stopping.IsCancellationRequested && !Lost;

    public ImportException TimeoutError() => new(ImportErrors.TimedOut,
        $"The import ran longer than its limit of {options.JobTimeout.TotalMinutes:0.#} minutes (Map:Imports:JobTimeoutMinutes) and was " +
        "stopped; nothing was written.");

    /// <summary>Ends the job in the transaction of <paramref name="connection"/> (see <see cref="ImportQueue.CompleteAsync"/>).</summary>
    public async Task<bool> Complete(NpgsqlConnection connection, CancellationToken ct)
    {
        var held = await queue.CompleteAsync(job, connection, ct);
        if (!held) Lost = true;
        return held;
    }

    /// <summary>Renews the lease every third of it until stopped; cancels the run when the job turns out to be another worker's.</summary>
    public async Task KeepLeaseAsync()
    {
        using var timer = new PeriodicTimer(options.Lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(heartbeat.Token))
            {
                try
                {
                    if (await queue.RenewAsync(job, heartbeat.Token)) continue;
                }
                catch (NpgsqlException)
                {
                    continue; // Unreachable for now: the next tick tries again, and the lease may run out meanwhile.
                }
                Lost = true;
                await cancel.CancelAsync();
                return;
            }
        }
        catch (OperationCanceledException) when (heartbeat.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    public async Task StopAsync(Task keepLease)
    {
        await heartbeat.CancelAsync();
        await keepLease;
    }

    public void Dispose()
    {
        cancel.Dispose();
        heartbeat.Dispose();
    }
}
