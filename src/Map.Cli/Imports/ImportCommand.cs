using System.CommandLine;
using Map.Data;
using Map.Data.Connections;
using Map.Data.Model;
using Map.Import;
using Map.Import.Mapping;
using Map.Import.Validation;
using Map.Import.Writing;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Map.Cli.Imports;

/// <summary>`import &lt;file.shp | folder | file.zip&gt; --layer &lt;id&gt; …`: the CLI door to <see cref="ImportPipeline"/>.</summary>
public static class ImportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Argument<string>("input") { Description = "A .shp file, a folder holding one, or a .zip holding one at any depth." };
        var layer = new Option<string>("--layer", "-l")
        {
            Description = "The layer to import into; created (as a presence layer) if it does not exist.", Required = true,
        };
        var mode = new Option<ImportMode>("--mode")
        {
            Description = "append: add to the layer; replace: the layer then holds exactly this file.",
            DefaultValueFactory = _ => ImportMode.Append,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read, validate and report without writing anything." };
        var encoding = new Option<string?>("--encoding")
        {
            Description = "Text encoding of the .dbf (UTF-8, CP1256, …); overrides the .cpg and the DBF language driver.",
        };
        var sourceCrs = new Option<string?>("--source-crs")
        {
            Description = "EPSG code of the coordinates (e.g. EPSG:32637); overrides the .prj, needed when there is none.",
        };
        var shapefile = new Option<string?>("--shapefile") { Description = "Which shapefile to take when the folder or zip holds several." };
        var mappingFile = new Option<FileInfo?>("--mapping") { Description = "A JSON mapping file (fields and defaults); options below win over it." };
        var invalidGeometries = new Option<InvalidGeometryPolicy>("--invalid-geometries")
        {
            Description = "fix: repair invalid geometries (counted); reject: treat them as bad records.",
            DefaultValueFactory = _ => InvalidGeometryPolicy.Fix,
        };
        var invalidRecords = new Option<InvalidRecordPolicy>("--invalid-records")
        {
            Description = "fail: any bad record stops the import, nothing is written; skip: import the others and list the bad ones.",
            DefaultValueFactory = _ => InvalidRecordPolicy.Fail,
        };
        var maxExtracted = new Option<long>("--max-extracted-bytes")
        {
            Description = "Refuse a zip that inflates to more than this.", DefaultValueFactory = _ => 2L << 30,
        };
        var copyStrategy = new Option<CopyStrategy>("--copy-strategy")
        {
            Description = "direct (default) or staging; for the benchmark.", DefaultValueFactory = _ => CopyStrategy.Direct, Hidden = true,
        };
        var connection = new Option<string?>("--connection")
        {
            Description = "PostGIS connection string (default: MAP_CONNECTION, ConnectionStrings__Map, or the local ./map cluster).",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table." };

        var fieldOptions = new Dictionary<string, Option<string?>>
        {
            ["id"] = new("--id-field") { Description = "Field holding unique feature ids (default: <layer>-<import>-<record number>)." },
            ["name"] = new("--name-field") { Description = "Field for the name (default: a field called name)." },
            ["nameAr"] = new("--name-ar-field") { Description = "Field for the Arabic name (default: name_ar)." },
            ["actor"] = new("--actor-field") { Description = "Field for the actor: its id, English or Arabic name (default: actor)." },
            ["kind"] = new("--kind-field") { Description = "Field for the kind (default: kind or type)." },
            ["validFrom"] = new("--valid-from-field") { Description = "Field for the start date (default: valid_from)." },
            ["validTo"] = new("--valid-to-field") { Description = "Field for the end date (default: valid_to)." },
            ["confidence"] = new("--confidence-field") { Description = "Field for the confidence, 0–1 or % (default: confidence)." },
            ["source"] = new("--source-field") { Description = "Field for the source, a URL or a title (default: source)." },
        };
        var actor = new Option<string?>("--actor") { Description = "Actor for records without one." };
        var kind = new Option<string?>("--kind") { Description = "Kind for records without one (default: unspecified)." };
        var validFrom = new Option<string?>("--valid-from") { Description = "Start date for records without one." };
        var validTo = new Option<string?>("--valid-to") { Description = "End date for records without one." };
        var confidence = new Option<string?>("--confidence") { Description = "Confidence for records without one." };
        var source = new Option<string?>("--source") { Description = "Source (URL or title) for records without one." };

        var command = new Command("import", "Import a shapefile into a layer, all or nothing.")
        {
            input, layer, mode, dryRun, encoding, sourceCrs, shapefile, mappingFile, invalidGeometries, invalidRecords,
            maxExtracted, copyStrategy, connection, json, actor, kind, validFrom, validTo, confidence, source,
        };
        foreach (var option in fieldOptions.Values) command.Add(option);

        command.SetAction(async (parse, ct) =>
        {
            var console = ConsoleFor(output);
            try
            {
                var file = parse.GetValue(mappingFile);
                var mapping = (file is null ? new ImportMapping() : ImportMapping.FromFile(file.FullName)).With(
                    new ImportMapping.FieldNames
                    {
                        Id = parse.GetValue(fieldOptions["id"]), Name = parse.GetValue(fieldOptions["name"]),
                        NameAr = parse.GetValue(fieldOptions["nameAr"]), Actor = parse.GetValue(fieldOptions["actor"]),
                        Kind = parse.GetValue(fieldOptions["kind"]), ValidFrom = parse.GetValue(fieldOptions["validFrom"]),
                        ValidTo = parse.GetValue(fieldOptions["validTo"]), Confidence = parse.GetValue(fieldOptions["confidence"]),
                        Source = parse.GetValue(fieldOptions["source"]),
                    },
                    new ImportMapping.MappingDefaults
                    {
                        Actor = parse.GetValue(actor), Kind = parse.GetValue(kind), ValidFrom = parse.GetValue(validFrom),
                        ValidTo = parse.GetValue(validTo), Source = parse.GetValue(source),
                        Confidence = ImportMapping.ParseConfidenceOption(parse.GetValue(confidence), "--confidence"),
                    });
                var request = new ImportRequest
                {
                    InputPath = parse.GetRequiredValue(input),
                    Layer = parse.GetRequiredValue(layer),
                    Mode = parse.GetValue(mode),
                    DryRun = parse.GetValue(dryRun),
                    Encoding = parse.GetValue(encoding),
                    SourceCrs = parse.GetValue(sourceCrs),
                    Shapefile = parse.GetValue(shapefile),
                    Mapping = mapping,
                    InvalidGeometries = parse.GetValue(invalidGeometries),
                    InvalidRecords = parse.GetValue(invalidRecords),
                    MaxExtractedBytes = parse.GetValue(maxExtracted),
                    CopyStrategy = parse.GetValue(copyStrategy),
                };
                // A connection string of several hosts reaches only the primary (read-write), never a standby.
                await using var dataSource = MapDataRegistration.CreateDataSource(ConnectionRouting.Write(CliApp.Connection(parse.GetValue(connection))));
                await MigrateAsync(dataSource, ct);
                var pipeline = new ImportPipeline(dataSource, TimeProvider.System);
                var report = await RunWithProgressAsync(console, pipeline, request, ct);
                ReportPrinter.Print(console, output, report, parse.GetValue(json));
                return CliApp.Ok;
            }
            catch (ImportException e)
            {
                if (e.Report is { } report) ReportPrinter.Print(console, output, report, parse.GetValue(json));
                error.WriteLine($"error [{e.Code}]: {e.Message}");
                return CliApp.Refused;
            }
            catch (Npgsql.PostgresException e)
            {
                // The import runs in one transaction, so a refusal from PostgreSQL leaves the database as it was.
                error.WriteLine($"error [database-refused]: PostGIS refused the import: {e.MessageText} (SQLSTATE {e.SqlState}). Nothing was written.");
                return CliApp.Refused;
            }
            catch (Npgsql.NpgsqlException e)
            {
                error.WriteLine($"error [database-unavailable]: cannot reach PostGIS ({e.Message}); start it with ./map db start or pass --connection.");
                return CliApp.Refused;
            }
        });
        return command;
    }

    /// <summary>
    /// The imports table must exist, so pending migrations are applied (as ./map run does). Building the EF model costs
    /// a noticeable part of a second, so it is skipped when the database already has this build's latest migration.
    /// </summary>
    private static async Task MigrateAsync(Npgsql.NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var latest = typeof(MapDbContext).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).FirstOrDefault())
            .OfType<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>()
            .Max(m => m.Id);
        await using (var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = '__ef_migrations') " +
            "AND EXISTS (SELECT 1 FROM __ef_migrations WHERE migration_id = @latest)"))
        {
            command.Parameters.AddWithValue("latest", latest ?? "");
            try
            {
                if (await command.ExecuteScalarAsync(ct) is true) return;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable) { }
        }
        var options = new DbContextOptionsBuilder<MapDbContext>();
        MapDataRegistration.Configure(options, dataSource);
        await using var db = new MapDbContext(options.Options);
        await db.Database.MigrateAsync(ct);
    }

    private static async Task<ImportReport> RunWithProgressAsync(IAnsiConsole console, ImportPipeline pipeline, ImportRequest request, CancellationToken ct)
    {
        if (!console.Profile.Capabilities.Interactive) return await pipeline.RunAsync(request, null, ct);
        ImportReport? report = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new FeaturesPerSecondColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Path.GetFileName(request.InputPath), maxValue: 1);
                report = await pipeline.RunAsync(request, new TaskProgress(task), ct);
            });
        return report!;
    }

    private static IAnsiConsole ConsoleFor(TextWriter output) =>
        ReferenceEquals(output, Console.Out)
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });

    /// <summary>Synchronous on purpose (Progress&lt;T&gt; would post to the thread pool and report out of order).</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }

    private sealed class FeaturesPerSecondColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? $"{speed:N0} features/s" : "", new Style(Color.Grey));
    }
}
