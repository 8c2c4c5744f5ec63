using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Map.Data.Keys;
using Map.Testing;
using Npgsql;

namespace Map.IntegrationTests.Living;

/// <summary>
/// An app of its own for the write API (its edits must not disturb the read tests' fixture), on a real port so the
/// change feed is read through a real socket, with three keys made through <see cref="ApiKeyService"/>: an editor
/// ("alice"), an importer ("uploader") and an admin ("chief"). Tests create the features they change.
/// </summary>
public sealed class LivingFixture : IAsyncLifetime
{
    public MapApplication App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public ApiKeyService Keys { get; private set; } = null!;
    public string EditorKey { get; private set; } = "";
    public string ImporterKey { get; private set; } = "";
    public string AdminKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App = await MapApplication.StartAsync("living", MapApplication.FixtureGeodata, onRealPort: true,
            new Dictionary<string, string?> { ["Map:Changes:HeartbeatSeconds"] = "1" });
        Client = App.CreateClient();
        DataSource = Map.Data.MapDataRegistration.CreateDataSource(App.Database.ConnectionString);
        Keys = new ApiKeyService(DataSource);
        EditorKey = await Keys.AddAsync("alice", KeyRole.Editor);
        ImporterKey = await Keys.AddAsync("uploader", KeyRole.Importer);
        AdminKey = await Keys.AddAsync("chief", KeyRole.Admin);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>A valid point feature of the fixture's bases layer (actor alpha), with one dated source.</summary>
    public static JsonObject NewBase(string id, string name = "Edited base", double lon = 40.5, double lat = 36.6) => new()
    {
        ["type"] = "Feature",
        ["id"] = id,
        ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) },
        ["properties"] = new JsonObject
        {
            ["name"] = name, ["nameAr"] = "قاعدة", ["actor"] = "alpha", ["kind"] = "base", ["validFrom"] = "2019-01-01",
            ["validTo"] = null, ["confidence"] = 0.7,
            ["sources"] = new JsonArray(Source("https://example.org/report-1", "2019-01-02")),
        },
    };

    public static JsonObject Source(string url, string published) => new() { ["title"] = "Report", ["url"] = url, ["published"] = published };

    /// <summary>A write with a key (or none), a comment (or none) and an If-Match (or none).</summary>
    public async Task<HttpResponseMessage> Write(HttpMethod method, string path, JsonNode? body, string? key, string? ifMatch = null,
        string? comment = "a correction", string contentType = "application/geo+json", params string[] sources)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, contentType);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (comment is not null) request.Headers.Add("Map-Comment", Uri.EscapeDataString(comment));
        foreach (var source in sources) request.Headers.Add("Map-Source", source);
        return await Client.SendAsync(request);
    }

    public async Task<string> Create(JsonObject feature, string layer = "bases")
    {
        using var response = await Write(HttpMethod.Post, $"/collections/{layer}/items", feature, EditorKey);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag;
    }

    /// <summary>Deletes a feature a test created (read with the editor key, so it works on an unpublished layer too).</summary>
    public async Task Remove(string id, string layer = "bases")
    {
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/collections/{layer}/items/{id}");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EditorKey);
        using var current = await Client.SendAsync(read);
        Assert.True(current.IsSuccessStatusCode, $"{id}: {(int)current.StatusCode}");
        using var response = await Write(HttpMethod.Delete, $"/collections/{layer}/items/{id}", null, EditorKey, current.Headers.ETag!.Tag,
            "test clean-up", sources: "https://example.org/clean-up 2025-01-01 Clean-up");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Sets whether a layer is published (tests that hide a layer publish it again in a finally).</summary>
    public async Task SetPublished(string layer, bool published)
    {
        await using var command = DataSource.CreateCommand("UPDATE layers SET published = @published WHERE id = @layer");
        command.Parameters.AddWithValue("published", published);
        command.Parameters.AddWithValue("layer", layer);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>The feature and its ETag, as a client reads them before a change.</summary>
    public async Task<(JsonObject Feature, string ETag)> Read(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        return ((await response.Content.ReadFromJsonAsync<JsonObject>())!, response.Headers.ETag!.Tag);
    }

    public async Task<long> Count(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of features, feature_history and changes together: a refused write must leave all three as they were.</summary>
    public Task<long> WrittenRows() =>
        Count("SELECT (SELECT count(*) FROM features) + (SELECT count(*) FROM feature_history) + (SELECT count(*) FROM changes)");
}

[CollectionDefinition(Name)]
public sealed class LivingCollection : ICollectionFixture<LivingFixture>
{
    public const string Name = "living";
}
