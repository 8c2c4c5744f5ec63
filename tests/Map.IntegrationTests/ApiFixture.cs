using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Map.Testing;

namespace Map.IntegrationTests;

/// <summary>
/// One app on one PostGIS test database, seeded with the fixture geodata, shared by the API tests. It listens on a
/// real loopback port so that GDAL (ogrinfo, ogr2ogr) can be pointed at it as a real OGC API client.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public MapApplication App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A small cap, so that both sides of numberMatched's capped count are exercised with the fixture's few features.
        Environment.SetEnvironmentVariable("Api__NumberMatchedCap", "3");
        App = await MapApplication.StartAsync("api", MapApplication.FixtureGeodata, onRealPort: true);
        Client = App.CreateClient();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public async Task<JsonObject> GetJson(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<string[]> FeatureIds(string path)
    {
        var collection = await GetJson(path);
        return collection["features"]!.AsArray().Select(f => (string)f!["id"]!).Order().ToArray();
    }

    /// <summary>Runs SQL on the test database (features added or changed between requests).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static string? Link(JsonObject document, string rel) =>
        (string?)document["links"]!.AsArray().FirstOrDefault(l => (string?)l!["rel"] == rel)?["href"];

    /// <summary>Asserts an RFC 9457 problem and returns its body.</summary>
    public async Task<JsonObject> GetProblem(string path, int status)
    {
        var response = await Client.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
