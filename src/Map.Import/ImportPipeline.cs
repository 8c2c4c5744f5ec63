using System.Globalization;
using Map.Data.History;
using Map.Data.Model;
using Map.Import.Crs;
using Map.Import.Mapping;
using Map.Import.Reading;
using Map.Import.Sources;
using Map.Import.Validation;
using Map.Import.Writing;
using Npgsql;

namespace Map.Import;

/// <summary>
/// One shapefile import, as <see cref="ImportService"/> runs it: resolve the input, check the files, read records one
/// at a time, map and validate them, and COPY them where the write method says (<see cref="ChooseMethod"/>): into a
/// table built off to the side and swapped in for the layer's partition, or into the live partition in one
/// transaction. Readers see the whole old layer until the swap or commit and the whole new one after; a failure
/// leaves layers and features exactly as they were. Refusals are thrown as <see cref="ImportException"/>.
/// </summary>
internal sealed class ImportPipeline(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>
    /// An append rebuilds its layer (the layer's rows and the file's into a new table, swapped in) while the layer holds
    /// fewer rows than this many per record of the file; past that it writes into the live partition, where each row
    /// updates every index. Measured in bench/import/RESULTS.md, "Append: in place or rebuilt".
    /// </summary>
    public const double RebuildWhileLayerRowsPerRecordBelow = 4;

    private const int ProgressEvery = 2000;
    private const int ListedWarnings = 100;

    /// <param name="complete">
    /// For a queued job: ends the job in the import's own commit, false when the job is no longer this worker's (the
    /// import then rolls back: the worker that holds the job commits it, once).
    /// </param>
    public async Task RunAsync(ImportRequest request, ImportReport report, string workFolder, IProgress<ImportProgress>? progress,
        Func<NpgsqlConnection, CancellationToken, Task<bool>>? complete, CancellationToken ct)
    {
        var files = ImportInput.Resolve(request.InputPath, workFolder, request.Shapefile, request.MaxExtractedBytes);
        report.Shapefile = files.Name;
        using var records = ShapefileRecords.Open(files, request.Encoding);
        report.Encoding = records.Encoding.Description;
        var crs = SourceCrs.Resolve(files.PrjPath, request.SourceCrs, files.Name);
        report.SourceCrs = crs.Description;
        if (records.HasZOrM) report.Warnings.Add("The shapes have Z or M values; only X and Y are stored.");
        var fileKind = KindOf(records.ShapeType);

        Dictionary<string, string> actors;
        LayerState? layer;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            actors = await ImportSql.ActorLookupAsync(connection, ct);
            layer = await ImportSql.LayerAsync(connection, request.Layer, ct);
        }
        Check(request, layer, fileKind);
        report.LayerCreated = layer is null;
        // Replace numbers records by their place in the file, so that importing the same file again keeps every id;
        // appends add the import's own prefix, so that they never collide with what the layer holds.
        var idPrefix = request.Mode == ImportMode.Replace ? $"{request.Layer}-" : $"{request.Layer}-{report.ImportId.ToString("N")[..8]}-";
        using var mapper = new RecordMapper(request.Mapping, records.Table.Fields, actors, idPrefix, Path.GetFileNameWithoutExtension(files.Name));
        report.Fields = new Dictionary<string, string>(mapper.UsedFields);
        var geometries = new GeometryPreparation(crs, request.InvalidGeometries, records.HasZOrM);

        if (request.DryRun)
        {
            Read(records, mapper, geometries, null, request, report, progress, ct);
            if (request.Mode == ImportMode.Append && layer is not null) await RefuseTakenIdsAsync(request.Layer, mapper, null, ct);
            return;
        }

        // History and the change feed record the import's rows as written by "import <id> (<who asked>)".
        var record = RecordContext.Import(report.ImportId, request.RequestedBy);
        await using var hold = await LayerLock.AcquireAsync(dataSource, request.Layer, record, complete, ct);
        layer = hold.Layer;
        Check(request, layer, fileKind);
        report.LayerCreated = layer is null;
        report.WriteMethod = request is { Mode: ImportMode.Append, AppendMethod: { } forced } && layer is not null
            ? forced : ChooseMethod(request.Mode, layer, records.RecordCount);
        report.Removed = request.Mode == ImportMode.Replace ? (int)(layer?.FeatureCount ?? 0) : 0;
        var kind = layer is null ? fileKind
            : request.Mode == ImportMode.Replace && layer.GeometryKind != GeometryKind.Mixed ? fileKind : layer.GeometryKind;
        if (layer is not null && kind != layer.GeometryKind)
            report.Warnings.Add($"The layer held {Lower(layer.GeometryKind)} features; it now holds the file's {Lower(kind)} features.");

        if (report.WriteMethod == LayerWriteMethod.InPlace)
        {
            await using (var writer = await FeatureCopyWriter.BeginAsync(
                hold.Connection, ImportSql.CopyInto(ImportSql.LiveFeatures), request.Layer, report.ImportId, report.StartedAt, ct))
            {
                // The live partition's primary key refuses a taken id during the COPY (or at its end).
                report.Imported = (int)await RefuseTakenIdsOnAsync(() =>
                {
                    Read(records, mapper, geometries, writer, request, report, progress, ct);
                    return writer.CompleteAsync(ct);
                }, request.Layer, mapper, ct);
            }
            await hold.CommitAppendAsync(report, request.Publish, clock, ct);
            return;
        }

        await using var staged = await StagedTable.CreateAsync(dataSource, request.Layer, report.WriteMethod == LayerWriteMethod.Rebuild, record, ct);
        // A replace keeps the layer's current table as history at the swap (no row is copied); once the new table has its
        // primary key, the features it lacks are found on the lock's session, beside the table's foreign keys and ANALYZE.
        var replace = request.Mode == ImportMode.Replace;
        // The new table's primary key is built once the rows are in: with the layer's rows in it (a rebuild), it refuses a taken id.
        report.Imported = (int)await RefuseTakenIdsOnAsync(async () =>
        {
            long rows;
            await using (var writer = await FeatureCopyWriter.BeginAsync(
                staged.Connection, staged.CopyCommand, request.Layer, report.ImportId, report.StartedAt, ct))
            {
                Read(records, mapper, geometries, writer, request, report, progress, ct);
                rows = await writer.CompleteAsync(ct);
            }
            await staged.LoadedAsync(rows, ct);
            await staged.PrepareAsync(searchable: request.Publish || layer?.Published == true,
                replace ? () => hold.FindReplacedGoneAsync(staged, ct) : null, ct);
            return rows;
        }, request.Layer, mapper, ct);
        await hold.SwapInAsync(staged, kind, request.Publish, report, clock, ct);
    }

    /// <summary>Replace always builds apart; an append builds apart when the layer is new, empty or small next to the file.</summary>
    public static LayerWriteMethod ChooseMethod(ImportMode mode, LayerState? layer, int records) =>
        mode == ImportMode.Replace || layer is null || layer.FeatureCount == 0 ? LayerWriteMethod.Swap
        : layer.FeatureCount < RebuildWhileLayerRowsPerRecordBelow * records ? LayerWriteMethod.Rebuild
        : LayerWriteMethod.InPlace;

    private static void Check(ImportRequest request, LayerState? layer, GeometryKind fileKind)
    {
        if (layer is null) return;
        if (layer.Role == LayerRole.Basemap)
            throw new ImportException(ImportErrors.LayerIsBasemap, $"Layer '{request.Layer}' is a basemap layer; imports go into presence layers.");
        if (request.Mode == ImportMode.Append && layer.GeometryKind != GeometryKind.Mixed && layer.GeometryKind != fileKind)
            throw new ImportException(ImportErrors.GeometryKindMismatch,
                $"Layer '{request.Layer}' holds {Lower(layer.GeometryKind)} features and the file holds {Lower(fileKind)} features; " +
                $"an append cannot mix them. Import into another layer, or replace the layer ({ImportOption.Mode} replace).");
    }

    /// <summary>
    /// Reads every record; with a writer, sends each good one to it. Bad records are listed in the report. The shapes
    /// are read and prepared ahead on a second thread (<see cref="PreparedShapes"/>); attributes, mapping and COPY on this one.
    /// </summary>
    private static void Read(ShapefileRecords records, RecordMapper mapper, GeometryPreparation geometries, FeatureCopyWriter? writer,
        ImportRequest request, ImportReport report, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        using var shapes = new PreparedShapes(records, geometries, ct);
        while (records.RecordNumber < records.RecordCount)
        {
            ct.ThrowIfCancellationRequested();
            // The shape first: a damaged .shp fails here, at its record, before that record's attributes are read.
            var shape = shapes.Next();
            records.ReadAttributes();
            var number = records.RecordNumber;
            report.Records++;
            if (number % ProgressEvery == 0) progress?.Report(new ImportProgress(number, records.RecordCount));
            if (records.Table.Deleted)
            {
                report.DeletedRecords++;
                continue;
            }
            if (shape.IsNull)
            {
                report.NullShapes++;
                if (report.NullShapes <= ListedWarnings) report.Warnings.Add($"Record {number} has no shape (a null shape) and was left out.");
                continue;
            }
            if (shape.Repair is not null) report.GeometriesFixed++;
            var reason = shape.Reason;
            if (shape.Geometry is null || !mapper.TryMap(records.Table, number, shape.Geometry, out var row, out reason))
            {
                report.AddProblem(number, reason);
                continue;
            }
            if (shape.Repair is not null) report.AddRepair(number, shape.Repair);
            // After the first problem under the Fail policy, records are still read (to list every problem) but no longer sent.
            if (report.ProblemCount > 0 && request.InvalidRecords == InvalidRecordPolicy.Fail) continue;
            writer?.Write(row);
            report.Imported++;
        }
        progress?.Report(new ImportProgress(records.RecordCount, records.RecordCount));

        if (report.ProblemCount > 0 && request.InvalidRecords == InvalidRecordPolicy.Fail)
        {
            report.Imported = 0;
            var first = report.Problems[0];
            throw new ImportException(ImportErrors.InvalidRecords,
                $"{report.ProblemCount.ToString("N0", CultureInfo.InvariantCulture)} of {report.Records.ToString("N0", CultureInfo.InvariantCulture)} " +
                $"records cannot be imported, so nothing was imported (first: record {first.Record}: {first.Reason}). " +
                $"Fix them, or import the others with {ImportOption.InvalidRecords} skip.");
        }
    }

    /// <summary>Runs a step that the database fails with a unique violation when ids from the file are taken in the layer.</summary>
    private async Task<long> RefuseTakenIdsOnAsync(Func<Task<long>> step, string layerId, RecordMapper mapper, CancellationToken ct)
    {
        try
        {
            return await step();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await RefuseTakenIdsAsync(layerId, mapper, e, ct);
            throw;
        }
    }

    /// <summary>Refuses the import when the layer already holds ids from the file's id field (what the database would refuse).</summary>
    private async Task RefuseTakenIdsAsync(string layerId, RecordMapper mapper, PostgresException? violation, CancellationToken ct)
    {
        List<string> taken;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
            taken = await ImportSql.ExistingFeatureIdsAsync(connection, layerId, mapper.IdsFromField, ct);
        if (taken.Count == 0 && violation is null) return;
        throw new ImportException(ImportErrors.DuplicateFeatureId,
            $"Feature ids from the file already exist in layer '{layerId}' ({(taken.Count > 0 ? string.Join(", ", taken) : violation!.MessageText)}); " +
            "ids must be unique within a layer. Nothing was imported.");
    }

    private static GeometryKind KindOf(int shapeType) => (shapeType % 10) switch
    {
        1 or 8 => GeometryKind.Point,
        3 => GeometryKind.Line,
        _ => GeometryKind.Polygon,
    };

    private static string Lower(GeometryKind kind) => kind.ToString().ToLowerInvariant();
}
