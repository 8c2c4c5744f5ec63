using System.Net;
using System.Text.Json.Nodes;
using Map.IntegrationTests.AnalystMap;

namespace Map.IntegrationTests.Search;

/// <summary>GET /search: names matched in PostgreSQL, tolerant of case, accents, Arabic forms and transliteration.</summary>
[Collection(AnalystCollection.Name)]
public sealed class SearchTests(AnalystFixture fixture)
{
    private async Task<JsonObject[]> Search(string query, bool withKey = false) =>
        (await fixture.GetJson($"/search?q={Uri.EscapeDataString(query)}", withKey))["features"]!.AsArray().Select(f => f!.AsObject()).ToArray();

    private static string Name(JsonObject hit) => (string)hit["properties"]!["name"]!;

    private static readonly string[] ExactOrTransliterated = ["exact", "transliteration"];

    [Theory]
    [InlineData("Kamishli")]
    [InlineData("Qamishly")]
    [InlineData("kamechliye")]
    [InlineData("QAMISHLI")]
    public async Task TransliterationsOfQamishliFindQamishliFirst(string query)
    {
        var hits = await Search(query);

        Assert.Equal("Qamishli", Name(hits[0]));
        Assert.Equal("basemap-towns", (string)hits[0]["properties"]!["collection"]!);
        Assert.Contains((string)hits[0]["properties"]!["match"]!, ExactOrTransliterated);
    }

    [Theory]
    [InlineData("Tall Tamr")]
    [InlineData("Tell Tamer")]
    [InlineData("tal-tamr")]
    public async Task TallTamrAndTellTamerFindTalTamr(string query) =>
        Assert.Equal("Tal Tamr", Name((await Search(query))[0]));

    [Theory]
    [InlineData("Dayr az-Zawr", "Deir ez-Zor")]
    [InlineData("deir ez", "Deir ez-Zor")]
    [InlineData("Hasakeh", "Hasakah")]
    [InlineData("al-Hasakah", "Hasakah")]
    public async Task ArticlesVowelsAndFinalHDoNotMatter(string query, string expected) =>
        Assert.Equal(expected, Name((await Search(query))[0]));

    [Theory]
    [InlineData("القامشلى")]
    [InlineData("الحسكه")]
    [InlineData("حسكة")]
    public async Task ArabicIgnoresYaAndTaMarbutaFormsAndTheArticle(string query) =>
        Assert.Contains((await Search(query)).Select(Name), name => name is "Qamishli" or "Hasakah");

    [Fact]
    public async Task ArabicVowelMarksAndHamzaFormsAreIgnored()
    {
        var hits = await Search("تَصَادُم آليات");
        Assert.Equal("Vehicle collision", Name(hits[0]));
        Assert.Equal("exact", (string)hits[0]["properties"]!["match"]!);
    }

    [Fact]
    public async Task AResultCarriesWhatTheMapNeedsToOpenIt()
    {
        var hit = (await Search("vehicle collision"))[0];

        Assert.Equal("collision", (string)hit["id"]!);
        var p = hit["properties"]!;
        Assert.Equal("encounters", (string)p["collection"]!);
        Assert.Equal("2020-08-25", (string)p["validFrom"]!);
        Assert.Equal("alpha", (string)p["actor"]!);
        Assert.Equal("[42.1,37.05]", hit["geometry"]!["coordinates"]!.ToJsonString());
        Assert.Equal(4, hit["bbox"]!.AsArray().Count);
    }

    [Fact]
    public async Task RecordsOfUnpublishedLayersAreFoundOnlyWithAKey()
    {
        Assert.DoesNotContain("Qamishli draft point", (await Search("qamishli draft")).Select(Name));
        Assert.Contains("Qamishli draft point", (await Search("qamishli draft", withKey: true)).Select(Name));
    }

    [Fact]
    public async Task TheSearchUsesTheTrigramIndexes()
    {
        // Too few rows for the planner to choose an index on its own: forbid sequential scans to see that it can.
        await using var connection = new Npgsql.NpgsqlConnection(fixture.App.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new Npgsql.NpgsqlCommand("SET enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync();
        var keys = new Map.Data.Search.SearchSql.SearchKeys("kamishli", " kmshl", ["kamishli"], [" kmshl"]);
        await using var command = Map.Data.Search.SearchSql.Find(keys, null, includeUnpublished: false, limit: 10);
        command.Connection = connection;
        command.CommandText = "EXPLAIN (FORMAT TEXT) " + command.CommandText;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync()) while (await reader.ReadAsync()) plan.Add(reader.GetString(0));

        var text = string.Join('\n', plan);
        Assert.Contains("ix_features_search_fold", text);
        Assert.Contains("ix_features_search_skeleton", text);
    }

    [Theory]
    [InlineData("/search", "q")]
    [InlineData("/search?q=%20%20", "q")]
    [InlineData("/search?q=tal&limit=0", "limit")]
    [InlineData("/search?q=tal&colour=red", "colour")]
    public async Task BadSearchesAreProblemsNamingTheParameter(string path, string parameter)
    {
        using var response = await fixture.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(parameter, (string?)problem["parameter"]);
    }
}
