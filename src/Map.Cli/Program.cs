// map-cli: the command line of the map. `./map import …` runs it against the local PostGIS.
return await Map.Cli.CliApp.RunAsync(args, Console.Out, Console.Error);
