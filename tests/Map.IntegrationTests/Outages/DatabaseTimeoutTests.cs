using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Map.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Map.IntegrationTests.Outages;

public sealed class TimeoutDatabaseFixture : IAsyncLifetime
{
    public MapApplication App { get; private set; } = null!;
    public async Task InitializeAsync() => App = await MapApplication.StartAsync("timeouts", MapApplication.FixtureGeodata);
    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The timeouts of Map:Database, with a table lock held by another session standing in for a slow database: a
/// request waits no longer than its lock, statement or pool timeout, then gets a 503 with Retry-After.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class DatabaseTimeoutTests(TimeoutDatabaseFixture fixture) : IClassFixture<TimeoutDatabaseFixture>
{
    [Fact]
    public async Task ARequestBehindALockIsA503AfterTheLockTimeout()
    {
        await using var app = With(("LockTimeoutSeconds", "1"));
        using var client = app.CreateClient();
        var (status, code, took) = await WhileLockedAsync(() => client.GetAsync("/collections/bases/items"));
        Assert.Equal((503, "database-overloaded"), (status, code));
        Assert.InRange(took.TotalSeconds, 0.9, 4);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/collections/bases/items")).StatusCode);
    }

    [Fact]
    public async Task ARequestLongerThanTheStatementTimeoutIsA503()
    {
        await using var app = With(("LockTimeoutSeconds", "30"), ("StatementTimeoutSeconds", "1"), ("ConnectTimeoutSeconds", "1"));
        using var client = app.CreateClient();
        var (status, code, took) = await WhileLockedAsync(() => client.GetAsync("/collections/bases/items"));
        Assert.Equal((503, "database-overloaded"), (status, code));
        Assert.InRange(took.TotalSeconds, 0.9, 4);
    }

    [Fact]
    public async Task WhenThePoolIsExhaustedARequestGetsA503AfterTheConnectTimeout()
    {
        await using var app = With(("ReadPoolSize", "1"), ("ConnectTimeoutSeconds", "1"), ("LockTimeoutSeconds", "8"));
        using var client = app.CreateClient();
        Task<HttpResponseMessage>? holding = null;
        var (status, code, took) = await WhileLockedAsync(async () =>
        {
            // The pool's only connection waits behind the lock; the second request finds no free one.
            holding = client.GetAsync("/collections/bases/items");
            await WaitForSessionsBehindTheLockAsync(1);
            return await client.GetAsync("/collections/bases/items/always");
        });
        Assert.Equal((503, "database-overloaded"), (status, code));
        Assert.InRange(took.TotalSeconds, 1, 4);
        Assert.Equal(HttpStatusCode.OK, (await holding!).StatusCode);
    }

    private WebApplicationFactory<Program> With(params (string Key, string Value)[] settings)
    {
        var app = fixture.App.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration(config =>
            config.AddInMemoryCollection(settings.ToDictionary(s => "Map:Database:" + s.Key, s => (string?)s.Value))));
        app.StartServer();
        return app;
    }

    private async Task WaitForSessionsBehindTheLockAsync(int count)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            var waiting = await fixture.App.Database.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
            if (waiting >= count) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("No request reached the lock.");
    }

    /// <summary>Runs <paramref name="request"/> while another session holds an exclusive lock on the features table.</summary>
    private async Task<(int Status, string? Code, TimeSpan Took)> WhileLockedAsync(Func<Task<HttpResponseMessage>> request)
    {
        await using var connection = new NpgsqlConnection(fixture.App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE features IN ACCESS EXCLUSIVE MODE", connection, transaction))
            await command.ExecuteNonQueryAsync();
        var clock = Stopwatch.StartNew();
        using var response = await request();
        var took = clock.Elapsed;
        Assert.Equal("5", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var code = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())?["code"];
        await transaction.RollbackAsync();
        return ((int)response.StatusCode, code, took);
    }
}
