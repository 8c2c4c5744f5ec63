using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Map.Testing;

namespace Map.IntegrationTests.AnalystMap;

/// <summary>
/// The fixture geodata plus what the analyst's map needs: an encounters layer whose records name their parties and
/// cite sources dated to the day, the month and the year, an unpublished layer (as an import leaves one), and a
/// basemap of towns spelled the usual way (Qamishli, Tal Tamr, Deir ez-Zor, Hasakah) for the search tests.
/// One app on its own test database, with an upload key configured.
/// </summary>
public sealed class AnalystFixture : IAsyncLifetime
{
    public const string ApiKey = "analyst-test-key-0123456789";
    public MapApplication App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    private readonly string geodata = Directory.CreateTempSubdirectory("map-analyst-geodata-").FullName;

    public async Task InitializeAsync()
    {
        CopyDirectory(MapApplication.FixtureGeodata, geodata);
        var layers = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(geodata, "layers.json")))!.AsArray();
        layers.Add(new JsonObject
        {
            ["id"] = "encounters", ["title"] = "Encounters", ["geometryKind"] = "point", ["displayOrder"] = 3, ["style"] = new JsonObject(),
        });
        await File.WriteAllTextAsync(Path.Combine(geodata, "layers.json"), layers.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(geodata, "layers", "encounters.geojson"), Encounters);
        Directory.CreateDirectory(Path.Combine(geodata, "basemap"));
        await File.WriteAllTextAsync(Path.Combine(geodata, "basemap", "layers.json"), BasemapLayers);
        await File.WriteAllTextAsync(Path.Combine(geodata, "basemap", "towns.geojson"), Towns);

        Environment.SetEnvironmentVariable("Map__Imports__ApiKeyHashes__0", Map.Import.ApiKeys.Hash(ApiKey));
        App = await MapApplication.StartAsync("analyst", geodata);
        Environment.SetEnvironmentVariable("Map__Imports__ApiKeyHashes__0", null);
        Client = App.CreateClient();
        // A layer as an import leaves it: created without saying it is published.
        await Execute("""
            INSERT INTO layers (id, title, description, geometry_kind, role, style, display_order, updated_at)
            VALUES ('imported-draft', 'imported-draft', '', 'Point', 'Presence', '{}', 9, now());
            INSERT INTO features (id, layer_id, actor_id, name, kind, geometry, valid_from, date_precision, confidence, approximate,
                                  sources, properties, created_at, updated_at)
            VALUES ('draft-1', 'imported-draft', 'alpha', 'Qamishli draft point', 'base', ST_SetSRID(ST_MakePoint(41.2, 37.05), 4326),
                    '2020-01-01', 'Day', 0.5, false, '[]', '{}', now(), now());
            """);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(geodata, recursive: true);
    }

    public async Task<JsonObject> GetJson(string path, bool withKey = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (withKey) request.Headers.Add("X-Api-Key", ApiKey);
        using var response = await Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task Execute(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }

    private const string Encounters = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "collision", "geometry": {"type": "Point", "coordinates": [42.1, 37.05]},
           "properties": {"name": "Vehicle collision", "nameAr": "تصادم آليات", "actor": "alpha", "parties": ["alpha", "beta"],
             "kind": "collision", "validFrom": "2020-08-25", "validTo": "2020-08-25", "confidence": 0.9,
             "sources": [{"title": "Early report", "url": "https://example.org/a", "published": "2020-08-26"},
                         {"title": "Later analysis", "url": "https://example.org/b", "published": "2020-09"}]}},
          {"type": "Feature", "id": "old-post", "geometry": {"type": "Point", "coordinates": [40.37, 36.66]},
           "properties": {"name": "Old post", "actor": "beta", "kind": "outpost", "validFrom": "2016-05-01", "confidence": 0.6,
             "sources": [{"title": "Yearbook", "url": "https://example.org/c", "published": "2017"}]}}
        ]}
        """;

    private const string BasemapLayers = """
        [{"id": "basemap-towns", "file": "towns", "title": "Towns", "geometryKind": "point", "displayOrder": 1,
          "featureDefaults": {"kind": "town", "validFrom": "1946-04-17", "confidence": 1,
            "sources": [{"title": "GeoNames", "url": "https://www.geonames.org/", "published": "2024"}]}}]
        """;

    private const string Towns = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "qamishli", "geometry": {"type": "Point", "coordinates": [41.2, 37.05]},
           "properties": {"name": "Qamishli", "nameAr": "القامشلي"}},
          {"type": "Feature", "id": "tal-tamr", "geometry": {"type": "Point", "coordinates": [40.37, 36.66]},
           "properties": {"name": "Tal Tamr", "nameAr": "تل تمر"}},
          {"type": "Feature", "id": "deir-ez-zor", "geometry": {"type": "Point", "coordinates": [40.14, 35.33]},
           "properties": {"name": "Deir ez-Zor", "nameAr": "دير الزور", "kind": "governorate_capital"}},
          {"type": "Feature", "id": "hasakah", "geometry": {"type": "Point", "coordinates": [40.75, 36.5]},
           "properties": {"name": "Hasakah", "nameAr": "الحسكة", "kind": "governorate_capital"}}
        ]}
        """;
}

[CollectionDefinition(Name)]
public sealed class AnalystCollection : ICollectionFixture<AnalystFixture>
{
    public const string Name = "analyst";
}
