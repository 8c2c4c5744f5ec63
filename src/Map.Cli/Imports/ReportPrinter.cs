using Map.Import;
using Spectre.Console;

namespace Map.Cli.Imports;

/// <summary>The import report as a table (or JSON with --json), problems listed by record number.</summary>
public static class ReportPrinter
{
    public static void Print(IAnsiConsole console, TextWriter output, ImportReport report, bool json)
    {
        if (json)
        {
            output.WriteLine(report.ToJson());
            return;
        }
        var table = new Table().NoBorder().HideHeaders().AddColumn("").AddColumn("");
        void Row(string name, string? value) { if (!string.IsNullOrEmpty(value)) table.AddRow(Markup.Escape(name), Markup.Escape(value)); }
        Row("import", $"{report.ImportId} ({(report.DryRun ? "dry run, nothing written" : report.Status.ToString().ToLowerInvariant())})");
        Row("file", report.Shapefile is { } shp && shp != report.FileName ? $"{report.FileName} ({shp})" : report.FileName);
        var created = report.LayerCreated ? report.DryRun ? ", would be created" : ", created" : "";
        Row("layer", $"{report.Layer} ({report.Mode.ToString().ToLowerInvariant()}{created})");
        Row("source CRS", report.SourceCrs);
        Row("encoding", report.Encoding);
        Row("fields", string.Join(", ", report.Fields.Select(f => $"{f.Key}={f.Value}")));
        Row("records", $"{report.Records:N0} read, {report.Imported:N0} {(report.DryRun ? "would be imported" : "imported")}" +
            (report.Removed > 0 ? $", {report.Removed:N0} removed (replace)" : ""));
        if (report.NullShapes + report.DeletedRecords + report.GeometriesFixed + report.ProblemCount > 0)
            Row("notes", $"{report.NullShapes:N0} null shapes, {report.DeletedRecords:N0} deleted records, " +
                $"{report.GeometriesFixed:N0} geometries repaired, {report.ProblemCount:N0} bad records");
        Row("written", report.WriteMethod switch
        {
            LayerWriteMethod.Swap => "built apart and swapped in",
            LayerWriteMethod.Rebuild => "layer rebuilt apart (its rows and the file's) and swapped in",
            LayerWriteMethod.InPlace => "appended in place",
            _ => null,
        });
        Row("time", $"{report.Seconds:0.###} s, {report.FeaturesPerSecond:N0} features/s");
        console.Write(table);
        foreach (var repair in report.Repairs) console.WriteLine($"  record {repair.Record}: repaired: {repair.Repair}");
        if (report.GeometriesFixed > report.Repairs.Count) console.WriteLine($"  … and {report.GeometriesFixed - report.Repairs.Count:N0} more repaired");
        foreach (var problem in report.Problems) console.WriteLine($"  record {problem.Record}: {problem.Reason}");
        if (report.ProblemCount > report.Problems.Count) console.WriteLine($"  … and {report.ProblemCount - report.Problems.Count:N0} more");
        foreach (var warning in report.Warnings) console.WriteLine($"  warning: {warning}");
    }
}
