using System.CommandLine;
using Map.Cli.Imports;
using Map.Data;
using Map.Data.Queries;
using Microsoft.EntityFrameworkCore;

namespace Map.Cli.Layers;

/// <summary>
/// `layers list | publish &lt;id&gt; | unpublish &lt;id&gt;`: which layers the public sees. Only published layers are on the
/// map and in /collections; imports create unpublished layers unless run with --publish.
/// </summary>
public static class LayersCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var connection = new Option<string?>("--connection")
        {
            Description = "PostGIS connection string (default: MAP_CONNECTION, ConnectionStrings__Map, or the local ./map cluster).",
            Recursive = true,
        };
        var command = new Command("layers", "List the layers, or publish or withdraw one.") { connection };
        var list = new Command("list", "List the layers: id, role, published, feature count, title.");
        list.SetAction((parse, ct) => WithDatabase(parse.GetValue(connection), error, async db =>
        {
            var counts = await db.Features.GroupBy(f => f.LayerId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            output.WriteLine($"{"id",-28} {"role",-9} {"published",-9} {"features",8}  title");
            foreach (var layer in await db.Layers.InDisplayOrder().ToListAsync(ct))
            {
                output.WriteLine($"{layer.Id,-28} {layer.Role.ToString().ToLowerInvariant(),-9} {(layer.Published ? "yes" : "no"),-9} " +
                    $"{counts.GetValueOrDefault(layer.Id),8}  {layer.Title}");
            }
            return CliApp.Ok;
        }, ct));
        command.Add(list);
        command.Add(Switch("publish", true, "Publish a layer: it appears on the map and in /collections.", connection, output, error));
        command.Add(Switch("unpublish", false, "Withdraw a layer: only upload-key holders can still read it.", connection, output, error));
        return command;
    }

    private static Command Switch(string name, bool published, string description, Option<string?> connection, TextWriter output, TextWriter error)
    {
        var id = new Argument<string>("layer") { Description = "The layer id." };
        var command = new Command(name, description) { id };
        command.SetAction((parse, ct) => WithDatabase(parse.GetValue(connection), error, async db =>
        {
            var layer = parse.GetRequiredValue(id);
            if (!await db.SetPublishedAsync(layer, published, DateTimeOffset.UtcNow, ct))
            {
                error.WriteLine($"error [layer-not-found]: there is no layer '{layer}' (./map layers list shows them).");
                return CliApp.Refused;
            }
            output.WriteLine(published ? $"{layer}: published" : $"{layer}: unpublished");
            return CliApp.Ok;
        }, ct));
        return command;
    }

    private static async Task<int> WithDatabase(string? connection, TextWriter error, Func<MapDbContext, Task<int>> action, CancellationToken ct)
    {
        try
        {
            await using var dataSource = MapDataRegistration.CreateDataSource(CliApp.Connection(connection));
            await MapSchema.MigrateAsync(dataSource, ct);
            var options = new DbContextOptionsBuilder<MapDbContext>();
            MapDataRegistration.Configure(options, dataSource);
            await using var db = new MapDbContext(options.Options);
            return await action(db);
        }
        catch (Npgsql.NpgsqlException e)
        {
            error.WriteLine($"error [database-unavailable]: cannot reach PostGIS ({e.Message}); start it with ./map db start or pass --connection.");
            return CliApp.Refused;
        }
    }
}
