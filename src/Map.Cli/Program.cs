namespace Map.Cli;

/// <summary>map-cli: the command line of the map. `./map import …` runs it against the local PostGIS.</summary>
/// <remarks>Not top-level statements: those would add a global Program class that clashes with Map.Web's in the tests.</remarks>
public static class EntryPoint
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, Console.Out, Console.Error);
}
