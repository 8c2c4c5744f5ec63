using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Map.Testing;

/// <summary>
/// The real web app on its own test database, seeded from a geodata folder. With <see cref="StartOnRealPort"/> it
/// listens on a real loopback port (for Chromium and GDAL); otherwise tests use the in-memory client.
/// </summary>
public sealed class MapApplication(TestDatabase database, string geodataPath, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;
    public string GeodataPath { get; } = geodataPath;

    /// <summary>The fixture geodata with known features: see Fixtures/geodata/README.md.</summary>
    public static string FixtureGeodata => Path.Combine(AppContext.BaseDirectory, "Fixtures", "geodata");

    /// <summary>The repository's own geodata/ (the real dataset).</summary>
    public static string RepositoryGeodata => Path.Combine(RepositoryRoot, "geodata");

    public static string RepositoryRoot =>
        Map.Web.Hosting.RepositoryLayout.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Cannot find the repository root from " + AppContext.BaseDirectory);

    /// <param name="settings">Configuration keys of this app only (e.g. "Map:Changes:HeartbeatSeconds").</param>
    public static async Task<MapApplication> StartAsync(
        string purpose, string geodataPath, bool onRealPort = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new MapApplication(await TestDatabase.CreateAsync(purpose), geodataPath, settings);
        if (onRealPort) app.StartOnRealPort(); else app.StartServer();
        return app;
    }

    /// <summary>Kestrel on 127.0.0.1:random; <see cref="WebApplicationFactory{T}.ClientOptions"/> then holds the real address.</summary>
    public void StartOnRealPort()
    {
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Map"] = Database.ConnectionString,
            ["Map:GeodataPath"] = GeodataPath,
            ["Map:WebRootPath"] = Path.Combine(RepositoryRoot, "wwwroot"),
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
