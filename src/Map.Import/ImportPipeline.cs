using System.Text.RegularExpressions;
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
/// The one shapefile import, behind both the CLI and the upload endpoint: resolve the input, check the files, read
/// records one at a time, map and validate them, and COPY them into the features table in a single transaction
/// (replace = delete + COPY in that same transaction). Readers see the layer as it was until the commit, and a failed
/// import leaves layers and features exactly as they were; the imports table records every run, failed ones included.
/// </summary>
public sealed partial class ImportPipeline(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const int ProgressEvery = 2000;
    private const int ListedWarnings = 100;

    public async Task<ImportReport> RunAsync(ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var report = new ImportReport
        {
            ImportId = request.ImportId ?? Guid.NewGuid(),
            FileName = request.DisplayName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(request.InputPath)),
            Layer = request.Layer,
            Mode = request.Mode,
            DryRun = request.DryRun,
            StartedAt = clock.GetUtcNow(),
        };
        if (!LayerId().IsMatch(request.Layer))
            throw new ImportException(ImportErrors.InvalidOption,
                $"--layer '{request.Layer}' is not a layer id: use 1–64 lowercase letters, digits, '-' or '_', starting with a letter or digit.", report);

        if (!request.DryRun) await ImportSql.StartRecordAsync(dataSource, report, ct);
        var work = Directory.CreateTempSubdirectory("map-import-");
        try
        {
            await RunCoreAsync(request, report, work.FullName, progress, ct);
            return report;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var (code, message) = e switch
            {
                ImportException ie => (ie.Code, ie.Message),
                OperationCanceledException => ("cancelled", "The import was cancelled; nothing was written."),
                _ => ("internal-error", $"The import failed unexpectedly ({e.GetType().Name}: {e.Message}); nothing was written."),
            };
            report.Error = new ImportError(code, message);
            // Rolled back: nothing was created, imported or removed.
            (report.LayerCreated, report.Imported, report.Removed) = (false, 0, 0);
            report.Finish(ImportStatus.Failed, clock.GetUtcNow());
            if (!request.DryRun)
            {
                await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
                await ImportSql.FinishRecordAsync(connection, report, CancellationToken.None);
            }
            if (e is ImportException) throw new ImportException(code, message, report);
            throw;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task RunCoreAsync(ImportRequest request, ImportReport report, string workFolder, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var files = ImportInput.Resolve(request.InputPath, workFolder, request.Shapefile, request.MaxExtractedBytes);
        report.Shapefile = files.Name;
        using var records = ShapefileRecords.Open(files, request.Encoding);
        report.Encoding = records.Encoding.Description;
        var crs = SourceCrs.Resolve(files.PrjPath, request.SourceCrs, files.Name);
        report.SourceCrs = crs.Description;
        if (records.HasZOrM) report.Warnings.Add("The shapes have Z or M values; only X and Y are stored.");

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var actors = await ImportSql.ActorLookupAsync(connection, ct);
        if (await ImportSql.LayerRoleAsync(connection, request.Layer, ct) == LayerRole.Basemap)
            throw new ImportException(ImportErrors.LayerIsBasemap, $"Layer '{request.Layer}' is a basemap layer; imports go into presence layers.");
        using var mapper = new RecordMapper(request.Mapping, records.Table.Fields, actors,
            $"{request.Layer}-{report.ImportId.ToString("N")[..8]}-", Path.GetFileNameWithoutExtension(files.Name));
        report.Fields = new Dictionary<string, string>(mapper.UsedFields);
        var geometries = new GeometryPreparation(crs, request.InvalidGeometries, records.HasZOrM);
        var now = report.StartedAt;

        await using var transaction = request.DryRun ? null : await connection.BeginTransactionAsync(ct);
        FeatureCopyWriter? writer = null;
        if (transaction is not null)
        {
            await ImportSql.LockLayerAsync(connection, request.Layer, ct);
            // History and the change feed record the import's rows as written by "import <id>".
            await Map.Data.History.RecordContext.Import(report.ImportId).ApplyAsync(connection, transaction, ct);
            report.LayerCreated = await ImportSql.EnsureLayerAsync(connection, request.Layer, KindOf(records.ShapeType), report.FileName, now, ct);
            if (request.Mode == ImportMode.Replace) report.Removed = await ImportSql.DeleteLayerFeaturesAsync(connection, request.Layer, ct);
            writer = await FeatureCopyWriter.BeginAsync(connection, request.CopyStrategy, request.Layer, report.ImportId, now, ct);
        }

        await using (writer)
        {
            while (records.Read())
            {
                ct.ThrowIfCancellationRequested();
                var number = records.RecordNumber;
                report.Records++;
                if (number % ProgressEvery == 0) progress?.Report(new ImportProgress(number, records.RecordCount));
                if (records.Table.Deleted)
                {
                    report.DeletedRecords++;
                    continue;
                }
                if (records.Geometry.IsEmpty)
                {
                    report.NullShapes++;
                    if (report.NullShapes <= ListedWarnings) report.Warnings.Add($"Record {number} has no shape (a null shape) and was left out.");
                    continue;
                }
                var geometry = geometries.Prepare(records.Geometry, out var reason);
                if (geometry is null || !mapper.TryMap(records.Table, number, geometry, out var row, out reason))
                {
                    report.AddProblem(number, reason);
                    continue;
                }
                // After the first problem under the Fail policy, records are still read (to list every problem) but no longer sent.
                if (report.ProblemCount > 0 && request.InvalidRecords == InvalidRecordPolicy.Fail) continue;
                writer?.Write(row);
                report.Imported++;
            }
            progress?.Report(new ImportProgress(records.RecordCount, records.RecordCount));
            report.GeometriesFixed = geometries.Fixed;

            if (report.ProblemCount > 0 && request.InvalidRecords == InvalidRecordPolicy.Fail)
            {
                report.Imported = 0;
                var first = report.Problems[0];
                throw new ImportException(ImportErrors.InvalidRecords,
                    $"{report.ProblemCount:N0} of {report.Records:N0} records cannot be imported, so nothing was imported " +
                    $"(first: record {first.Record}: {first.Reason}). " +
                    "Fix them, or import the others with --invalid-records skip.");
            }
            if (writer is null)
            {
                report.Finish(ImportStatus.Succeeded, clock.GetUtcNow());
                return;
            }
            try
            {
                report.Imported = (int)await writer.CompleteAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                var taken = await ImportSql.ExistingFeatureIdsAsync(dataSource, mapper.IdsFromField, ct);
                throw new ImportException(ImportErrors.DuplicateFeatureId,
                    $"Feature ids from the file already exist ({(taken.Count > 0 ? string.Join(", ", taken) : e.MessageText)}); " +
                    "ids must be unique across all layers. Nothing was imported.");
            }
        }

        await ImportSql.TouchLayerAsync(connection, request.Layer, clock.GetUtcNow(), ct);
        if (request.Publish) await ImportSql.PublishLayerAsync(connection, request.Layer, ct);
        report.Finish(ImportStatus.Succeeded, clock.GetUtcNow());
        await ImportSql.FinishRecordAsync(connection, report, ct);
        await transaction!.CommitAsync(ct);
    }

    private static GeometryKind KindOf(int shapeType) => (shapeType % 10) switch
    {
        1 or 8 => GeometryKind.Point,
        3 => GeometryKind.Line,
        _ => GeometryKind.Polygon,
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex LayerId();
}
