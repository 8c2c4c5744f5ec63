using System.CommandLine;
using Map.Cli.Geodata;
using Map.Cli.Imports;
using Map.Cli.Keys;
using Map.Cli.Layers;
using Map.Data.Connections;

namespace Map.Cli;

/// <summary>The command tree; tests call <see cref="RunAsync"/> directly with their own writers.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Refused = 1;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var root = new RootCommand("The map's command line.")
        {
            ImportCommand.Create(output, error),
            HashKeyCommand.Create(output),
            LayersCommand.Create(output, error),
            KeysCommand.Create(output, error),
            ExportGeodataCommand.Create(output, error),
        };
        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
    }

    /// <summary>The PostGIS connection: --connection, else MAP_CONNECTION or ConnectionStrings__Map, else the local cluster of ./map.</summary>
    /// <remarks>A connection string of several hosts reaches only the primary (read-write), never a standby.</remarks>
    public static string Connection(string? option) =>
        ConnectionRouting.Write(option
            ?? Environment.GetEnvironmentVariable("MAP_CONNECTION")
            ?? Environment.GetEnvironmentVariable("ConnectionStrings__Map")
            ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=map");
}
