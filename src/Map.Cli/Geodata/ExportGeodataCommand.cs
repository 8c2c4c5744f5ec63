using System.CommandLine;
using Map.Data;
using Map.Import.Seeding;

namespace Map.Cli.Geodata;

/// <summary>`export-geodata [--out &lt;geodata folder&gt;]`: the current records, edits included, written back into geodata/ for review in git.</summary>
public static class ExportGeodataCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Option<DirectoryInfo>("--out")
        {
            Description = "The geodata folder to rewrite (default: ./geodata); its layers.json names the layer files.",
            DefaultValueFactory = _ => new DirectoryInfo("geodata"),
        };
        var connection = new Option<string?>("--connection") { Description = "PostGIS connection string (default: as for import)." };
        var command = new Command("export-geodata", "Write the current records (seed and edits) back into the geodata/ files.") { folder, connection };
        command.SetAction(async (parse, ct) =>
        {
            var root = parse.GetValue(folder)!;
            if (!File.Exists(Path.Combine(root.FullName, "layers.json")))
            {
                await error.WriteLineAsync($"error [input-not-found]: {root.FullName} has no layers.json; name the geodata folder with --out.");
                return CliApp.Refused;
            }
            await using var dataSource = MapDataRegistration.CreateDataSource(CliApp.Connection(parse.GetValue(connection)));
            try
            {
                foreach (var (file, changed, removed) in await new GeodataExport(dataSource).ExportAsync(root.FullName, ct))
                    await output.WriteLineAsync($"{Path.GetRelativePath(root.FullName, file)}: {changed} changed or added, {removed} removed");
                return CliApp.Ok;
            }
            catch (Npgsql.NpgsqlException e)
            {
                await error.WriteLineAsync(
                    $"error [database-unavailable]: cannot use PostGIS ({e.Message}); start it with ./map db start or pass --connection.");
                return CliApp.Refused;
            }
        });
        return command;
    }
}
