using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Map.Import.Reading;
using NetTopologySuite.Geometries;

namespace Map.Import.Validation;

/// <summary>One record's shape made ready to store, or why it cannot be stored.</summary>
/// <param name="Geometry">The geometry to store; null for a null shape or a refused one.</param>
/// <param name="IsNull">The record has no shape (a null shape): it was not prepared.</param>
/// <param name="Reason">Why the shape was refused (when <paramref name="Geometry"/> is null and it is not a null shape).</param>
/// <param name="Repair">What was repaired, when it had to be; otherwise null.</param>
internal readonly record struct PreparedShape(Geometry? Geometry, bool IsNull, string Reason, string? Repair);

/// <summary>
/// The shapes of a shapefile, read from the .shp and prepared (<see cref="GeometryPreparation"/>: reprojected, checked,
/// repaired) on a thread of their own, a few batches ahead of the records' attributes, which the import maps and
/// writes on its thread. So the two halves of the client's work overlap on two cores: for polygons the validity check
/// is most of it, for UTM points the reprojection. Shapes come out in file order, through a bounded queue (memory stays
/// flat); a damaged .shp fails at its record, after the records before it, as a sequential read would.
/// </summary>
internal sealed class PreparedShapes : IDisposable
{
    private const int BatchSize = 256;
    private const int BatchesAhead = 8;

    private readonly BlockingCollection<PreparedShape[]> batches = new(BatchesAhead);
    private readonly CancellationTokenSource stop;
    private readonly Task reader;
    private ExceptionDispatchInfo? failure;
    private PreparedShape[] batch = [];
    private int next;

    public PreparedShapes(ShapefileRecords records, GeometryPreparation preparation, CancellationToken ct)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        reader = Task.Factory.StartNew(() => Read(records, preparation), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The next record's shape; throws what reading or preparing it threw (a damaged .shp).</summary>
    public PreparedShape Next()
    {
        if (next == batch.Length)
        {
            if (!batches.TryTake(out var taken, Timeout.Infinite, stop.Token))
            {
                failure?.Throw();
                throw new InvalidOperationException("The .shp has fewer shapes than records were read.");
            }
            (batch, next) = (taken, 0);
        }
        return batch[next++];
    }

    private void Read(ShapefileRecords records, GeometryPreparation preparation)
    {
        var filling = new List<PreparedShape>(BatchSize);
        try
        {
            while (records.ReadShape(out var shape))
            {
                if (shape.IsEmpty) filling.Add(new PreparedShape(null, true, "", null));
                else
                {
                    var geometry = preparation.Prepare(shape, out var reason, out var repair);
                    filling.Add(new PreparedShape(geometry, false, reason, repair));
                }
                if (filling.Count < BatchSize) continue;
                batches.Add([.. filling], stop.Token);
                filling.Clear();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        try
        {
            if (filling.Count > 0) batches.Add([.. filling], stop.Token);
            batches.CompleteAdding();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The import stopped reading: nobody waits for these shapes.
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        reader.Wait();
        batches.Dispose();
        stop.Dispose();
    }
}
