using System.CommandLine;
using Map.Data;
using Map.Data.Model;
using Map.Import;
using Map.Import.Mapping;
using Map.Import.Validation;
using Npgsql;
using Spectre.Console;

namespace Map.Cli.Imports;

/// <summary>`import &lt;file.shp | folder | file.zip&gt; --layer &lt;id&gt; …`: the CLI door to <see cref="ImportService"/>.</summary>
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
        var publish = new Option<bool>("--publish")
        {
            Description = "Publish the layer (on the map and in /collections) once imported; without it a new layer stays unpublished.",
        };
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
        var appendMethod = new Option<LayerWriteMethod?>("--append-method")
        {
            Description = "rebuild or inPlace: force how an append is written (for bench/import; default: chosen by the sizes).", Hidden = true,
        };
        var connection = new Option<string?>("--connection")
        {
            Description = "PostGIS connection string (default: MAP_CONNECTION, ConnectionStrings__Map, or the local ./map cluster).",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table." };

        var fieldOptions = new Dictionary<string, Option<string?>>
        {
            ["id"] = new("--id-field")
            {
                Description = "Field holding feature ids, unique in the layer (default: <layer>-<record number> for replace, " +
                    "<layer>-<import>-<record number> for append).",
            },
            ["name"] = new("--name-field") { Description = "Field for the name (default: a field called name)." },
            ["nameAr"] = new("--name-ar-field") { Description = "Field for the Arabic name (default: name_ar)." },
            ["actor"] = new("--actor-field") { Description = "Field for the actor: its id, English or Arabic name (default: actor)." },
            ["kind"] = new("--kind-field") { Description = "Field for the kind (default: kind or type)." },
            ["validFrom"] = new("--valid-from-field") { Description = "Field for the start date (default: valid_from)." },
            ["validTo"] = new("--valid-to-field") { Description = "Field for the end date (default: valid_to)." },
            ["confidence"] = new("--confidence-field")
            {
                Description = "Field for the confidence: 0–1, a whole percentage 2–100, n% or high/medium/low (default: confidence).",
            },
            ["source"] = new("--source-field") { Description = "Field for the source, a URL or a title (default: source)." },
        };
        var actor = new Option<string?>("--actor") { Description = "Actor for records without one." };
        var kind = new Option<string?>("--kind") { Description = "Kind for records without one (default: unspecified)." };
        var validFrom = new Option<string?>("--valid-from") { Description = "Start date for records without one." };
        var validTo = new Option<string?>("--valid-to") { Description = "End date for records without one." };
        var confidence = new Option<string?>("--confidence")
        {
            Description = "Confidence for records without one: 0–1, a whole percentage 2–100, n% or high/medium/low (1.5 is an error).",
        };
        var source = new Option<string?>("--source") { Description = "Source (URL or title) for records without one." };

        var command = new Command("import", "Import a shapefile into a layer, all or nothing.")
        {
            input, layer, mode, dryRun, publish, encoding, sourceCrs, shapefile, mappingFile, invalidGeometries, invalidRecords,
            maxExtracted, appendMethod, connection, json, actor, kind, validFrom, validTo, confidence, source,
        };
        foreach (var option in fieldOptions.Values) command.Add(option);

        command.SetAction(async (parse, ct) =>
        {
            var console = ConsoleFor(output);
            ImportRequest request;
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
                        Confidence = ImportMapping.ParseConfidenceOption(parse.GetValue(confidence), ImportOption.Confidence),
                    });
                request = new ImportRequest
                {
                    InputPath = parse.GetRequiredValue(input),
                    Layer = parse.GetRequiredValue(layer),
                    // The CLI runs as someone who can reach the database: the OS user is who asked.
                    RequestedBy = $"cli ({Environment.UserName})",
                    Mode = parse.GetValue(mode),
                    DryRun = parse.GetValue(dryRun),
                    Publish = parse.GetValue(publish),
                    Encoding = parse.GetValue(encoding),
                    SourceCrs = parse.GetValue(sourceCrs),
                    Shapefile = parse.GetValue(shapefile),
                    Mapping = mapping,
                    InvalidGeometries = parse.GetValue(invalidGeometries),
                    InvalidRecords = parse.GetValue(invalidRecords),
                    MaxExtractedBytes = parse.GetValue(maxExtracted),
                    AppendMethod = parse.GetValue(appendMethod),
                    Spelling = OptionSpelling.CommandLine,
                };
            }
            catch (ImportException e)
            {
                return Refuse(error, new ImportError(e.Code, ImportOption.Spell(e.Message, OptionSpelling.CommandLine)));
            }

            await using var dataSource = MapDataRegistration.CreateDataSource(CliApp.Connection(parse.GetValue(connection)));
            try
            {
                // The imports table must exist, so pending migrations are applied (as ./map run does).
                await MapSchema.MigrateAsync(dataSource, ct);
            }
            catch (NpgsqlException e)
            {
                return Refuse(error, ImportService.DatabaseError(e));
            }
            var report = await RunWithProgressAsync(console, new ImportService(dataSource, TimeProvider.System), request, ct);
            if (report.Error is null || report.Records > 0) ReportPrinter.Print(console, output, report, parse.GetValue(json));
            return report.Error is { } refused ? Refuse(error, refused) : CliApp.Ok;
        });
        return command;
    }

    /// <summary>One line on stderr, `error [code]: message`; a database that cannot be reached gets the local hint.</summary>
    private static int Refuse(TextWriter error, ImportError problem)
    {
        var hint = problem.Code == ImportErrors.DatabaseUnavailable ? " Start it with ./map db start or pass --connection." : "";
        error.WriteLine($"error [{problem.Code}]: {problem.Message}{hint}");
        return CliApp.Refused;
    }

    private static async Task<ImportReport> RunWithProgressAsync(IAnsiConsole console, ImportService imports, ImportRequest request, CancellationToken ct)
    {
        if (!console.Profile.Capabilities.Interactive) return await imports.RunAsync(request, null, ct);
        ImportReport? report = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new FeaturesPerSecondColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Path.GetFileName(request.InputPath), maxValue: 1);
                report = await imports.RunAsync(request, new TaskProgress(task), ct);
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
