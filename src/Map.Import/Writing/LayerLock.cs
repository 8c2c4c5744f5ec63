using Map.Data.History;
using Map.Data.Model;
using Npgsql;

namespace Map.Import.Writing;

/// <summary>
/// An import's hold on its layer, from before its first row to its end: a transaction on a connection of its own that
/// holds the layer's write lock (imports of one layer, and the seeder, take turns), in which the import finishes —
/// by swapping in a table built apart (<see cref="SwapInAsync"/>), or by committing rows appended in place
/// (<see cref="CommitAppendAsync"/>). Disposed without either, it rolls back: the layer is as it was.
/// </summary>
internal sealed class LayerLock : IAsyncDisposable
{
    /// <summary>How long one swap attempt waits for running reads of features before it gives way.</summary>
    public static readonly TimeSpan SwapLockTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Attempts before the import gives up (each waits <see cref="SwapLockTimeout"/>, then a pause that grows).</summary>
    public const int SwapAttempts = 20;

    private const string HistorySavepoint = "history";

    private readonly NpgsqlTransaction transaction;
    private readonly Func<NpgsqlConnection, CancellationToken, Task<bool>>? complete;
    /// <summary>The replaced features that the new table lacks (a replace), found under the lock on the layer's table.</summary>
    private string[]? gone;
    private bool goneBeforeSwap;

    private LayerLock(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string layerId, LayerState? layer,
        Func<NpgsqlConnection, CancellationToken, Task<bool>>? complete)
    {
        Connection = connection;
        this.transaction = transaction;
        this.complete = complete;
        LayerId = layerId;
        Layer = layer;
    }

    /// <summary>The lock's connection; an append in place COPYs on it, inside the lock's transaction.</summary>
    public NpgsqlConnection Connection { get; }

    public string LayerId { get; }

    /// <summary>The layer as it is under the lock; null when it does not exist yet.</summary>
    public LayerState? Layer { get; }

    /// <summary>
    /// Waits for the layer's write lock, then clears what a killed import of the layer may have left behind. History
    /// and the change feed record what this transaction writes as written by <paramref name="record"/>. A queued job's
    /// <paramref name="complete"/> runs in the commit (see <see cref="ImportPipeline.RunAsync"/>).
    /// </summary>
    public static async Task<LayerLock> AcquireAsync(
        NpgsqlDataSource dataSource, string layerId, RecordContext record, Func<NpgsqlConnection, CancellationToken, Task<bool>>? complete,
        CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            await record.ApplyAsync(connection, transaction, ct);
            await ImportSql.LockLayerAsync(connection, layerId, ct);
            await ImportSql.DropAbandonedTablesAsync(connection, layerId, ct);
            return new LayerLock(connection, transaction, layerId, await ImportSql.LayerAsync(connection, layerId, ct), complete);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A replace of an existing layer, before the swap: locks the layer's current table against edits (SHARE) to the
    /// swap's commit, and finds the features that <paramref name="table"/> lacks, whose versions the swap ends with a
    /// deletion (<see cref="HistorySql.ReplacedFeaturesGoneAsync"/>). It reads the table, which must have its primary key
    /// by now; it runs beside the table's foreign keys and statistics (<see cref="StagedTable.PrepareAsync"/>).
    /// </summary>
    public async Task FindReplacedGoneAsync(StagedTable table, CancellationToken ct)
    {
        if (Layer is null) return;
        await transaction.SaveAsync(HistorySavepoint, ct);
        gone = await HistorySql.ReplacedFeaturesGoneAsync(Connection, LayerId, table.Name, ct);
        goneBeforeSwap = true;
    }

    /// <summary>
    /// The swap: everything that changes with the layer's contents, in one short transaction — the layer's row when it
    /// is new, its partition replaced by <paramref name="table"/>, its count, geometry kind and stamp, whether it is
    /// published (<paramref name="publish"/>), the import's record, and the record-time history: a replace keeps the
    /// table it swaps out as history, ended at the new rows' recorded_at (layer_storage.swap_in and retire: no row is
    /// copied), and every swap writes one change-feed entry (after swap_in, under its lock).
    /// </summary>
    /// <remarks>
    /// DETACH PARTITION takes an ACCESS EXCLUSIVE lock on features, so the swap waits for running reads of every
    /// layer, and new reads wait for the swap. Each attempt waits at most <see cref="SwapLockTimeout"/>, then gives way
    /// (back to the savepoint) and tries again later: a long read delays the import, never every other reader. Giving
    /// way also releases the lock on the layer's table that <see cref="FindReplacedGoneAsync"/> took: an edit of the layer
    /// waiting for it holds a lock on features that DETACH waits for, so it must be let through; the next attempt looks
    /// for the missing features again.
    /// </remarks>
    public async Task SwapInAsync(
        StagedTable table, GeometryKind kind, bool publish, ImportReport report, TimeProvider clock, CancellationToken ct)
    {
        var replace = report.Mode == ImportMode.Replace && Layer is not null;
        for (var attempt = 1; ; attempt++)
        {
            await transaction.SaveAsync("swap", ct);
            try
            {
                await ImportSql.SetLockTimeoutAsync(Connection, SwapLockTimeout, ct);
                var now = clock.GetUtcNow();
                if (Layer is null) await ImportSql.InsertLayerAsync(Connection, LayerId, kind, report.FileName, now, ct);
                if (replace) gone ??= await HistorySql.ReplacedFeaturesGoneAsync(Connection, LayerId, table.Name, ct);
                await ImportSql.SwapInAsync(Connection, LayerId, table.Name, replace ? table.RecordedAt : null, gone ?? [], ct);
                await HistorySql.AnnounceLayerAsync(Connection, LayerId, replace ? "replace" : "insert", table.Rows, ct);
                await ImportSql.SetLayerContentsAsync(Connection, LayerId, table.Rows, kind, now, ct);
                if (publish) await ImportSql.PublishLayerAsync(Connection, LayerId, ct);
                report.Finish(ImportStatus.Succeeded, now);
                await ImportSql.FinishRecordAsync(Connection, report, ct);
                await CompleteJobAsync(ct);
                await transaction.CommitAsync(ct);
                table.MarkSwappedIn();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                await transaction.RollbackAsync(goneBeforeSwap ? HistorySavepoint : "swap", ct);
                gone = null;
                goneBeforeSwap = false;
                if (attempt == SwapAttempts)
                    throw new ImportException(ImportErrors.LayerBusy,
                        $"The new contents of layer '{LayerId}' were ready, but reads of the features table did not let them in " +
                        $"({SwapAttempts} attempts); nothing was changed. Try again when the server is less busy.");
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
            }
        }
    }

    /// <summary>
    /// An append in place: the rows are already in features (COPY on <see cref="Connection"/>), and the trigger on
    /// features has counted them. Fresh statistics for the layer, its stamp, whether it is published, the import's
    /// record, then the commit.
    /// </summary>
    public async Task CommitAppendAsync(ImportReport report, bool publish, TimeProvider clock, CancellationToken ct)
    {
        await ImportSql.RefreshStatisticsAsync(Connection, LayerId, ct);
        var now = clock.GetUtcNow();
        await ImportSql.TouchLayerAsync(Connection, LayerId, now, ct);
        if (publish) await ImportSql.PublishLayerAsync(Connection, LayerId, ct);
        report.Finish(ImportStatus.Succeeded, now);
        await ImportSql.FinishRecordAsync(Connection, report, ct);
        await CompleteJobAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>A queued job ends in this commit, or the commit does not happen: the job's new holder runs the import.</summary>
    private async Task CompleteJobAsync(CancellationToken ct)
    {
        if (complete is not null && !await complete(Connection, ct))
            throw new OperationCanceledException("This worker's lease on the job ran out and another worker holds it; the import was rolled back.");
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
