using System.Collections.Concurrent;
using Map.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Map.IntegrationTests.Outages;

/// <summary>The app on a <see cref="ThrowAwayCluster"/>, seeded with the fixture geodata, keeping its warnings for the tests to read.</summary>
public sealed class OutageApplication(string connectionString) : WebApplicationFactory<Program>
{
    public ConcurrentQueue<string> Warnings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Map"] = connectionString,
            ["Map:GeodataPath"] = MapApplication.FixtureGeodata,
            ["Map:WebRootPath"] = Path.Combine(MapApplication.RepositoryRoot, "wwwroot"),
            ["Map:Database:RetryAfterSeconds"] = "2",
        }));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(new Collector(Warnings)));
    }

    private sealed class Collector(ConcurrentQueue<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(messages);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) messages.Enqueue($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
