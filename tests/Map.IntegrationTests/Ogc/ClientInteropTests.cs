using System.Text.Json.Nodes;

namespace Map.IntegrationTests.Ogc;

/// <summary>What GDAL, QGIS and OpenAPI tools read: /api's media type and content, and the parameters clients carry along.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientInteropTests(ApiFixture api)
{
    [Fact]
    public async Task TheApiIsServedAsOpenApi30()
    {
        var response = await api.Client.GetAsync("/api");
        Assert.Equal("application/vnd.oai.openapi+json; version=3.0", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task TheApiListsTheFilterLanguagesUnderTheNamesGdalLooksFor()
    {
        var document = JsonNode.Parse(await api.Client.GetStringAsync("/api"))!;
        var filterLang = document["paths"]!["/collections/{collectionId}/items"]!["get"]!["parameters"]!.AsArray()
            .Single(p => (string?)p!["name"] == "filter-lang")!;
        Assert.Equal(["cql2-text", "cql2-json", "cql-text", "cql-json"], filterLang["schema"]!["enum"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public async Task TheUploadIsDocumentedWithItsKeySchemesFormAndProblems()
    {
        var document = JsonNode.Parse(await api.Client.GetStringAsync("/api"))!;
        var schemes = document["components"]!["securitySchemes"]!;
        var apiKey = schemes["apiKey"]!;
        Assert.Equal(("apiKey", "header", "X-Api-Key"), ((string?)apiKey["type"], (string?)apiKey["in"], (string?)apiKey["name"]));
        Assert.Equal(("http", "bearer"), ((string?)schemes["bearer"]!["type"], (string?)schemes["bearer"]!["scheme"]));

        var upload = document["paths"]!["/imports"]!["post"]!;
        Assert.NotNull(upload["security"]);
        Assert.NotNull(upload["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!["properties"]!["file"]);
        foreach (var status in new[] { "200", "201", "202", "400", "401", "413", "415", "422" })
            Assert.NotNull(upload["responses"]![status]);
        Assert.NotNull(document["paths"]!["/imports/{id}"]!["get"]!["responses"]!["404"]);
    }

    [Theory]
    [InlineData("/collections/{collectionId}/items", "post")]
    [InlineData("/collections/{collectionId}/items/{featureId}", "put")]
    [InlineData("/collections/{collectionId}/items/{featureId}", "patch")]
    [InlineData("/collections/{collectionId}/items/{featureId}", "delete")]
    public async Task EveryWriteIsDocumentedWithTheKeySchemesAndTheRefusalsOfKeyAndVersion(string path, string method)
    {
        var document = JsonNode.Parse(await api.Client.GetStringAsync("/api"))!;
        var write = document["paths"]![path]![method]!;
        var schemes = write["security"]!.AsArray().SelectMany(requirement => requirement!.AsObject().Select(s => s.Key)).Order();
        Assert.Equal(["apiKey", "bearer"], schemes);
        Assert.Contains("code unauthorized", (string?)write["responses"]!["401"]!["description"]);
        Assert.Contains("code forbidden", (string?)write["responses"]!["403"]!["description"]);
        if (method == "post") return;
        Assert.Contains("code precondition-failed", (string?)write["responses"]!["412"]!["description"]);
        Assert.Contains("code precondition-required", (string?)write["responses"]!["428"]!["description"]);
    }

    [Fact]
    public async Task ReadsNeedNoKeyInTheDocument()
    {
        var document = JsonNode.Parse(await api.Client.GetStringAsync("/api"))!;
        Assert.Null(document["paths"]!["/collections/{collectionId}/items"]!["get"]!["security"]);
        Assert.Null(document["paths"]!["/collections/{collectionId}/items/{featureId}"]!["get"]!["security"]);
    }

    [Theory]
    [InlineData("/collections/bases?datetime=2020-01-01")]
    [InlineData("/collections/bases/queryables?datetime=2020-01-01&bbox=1,2,3,4")]
    [InlineData("/collections?datetime=2020-01-01")]
    [InlineData("/conformance?datetime=2020-01-01")]
    [InlineData("/?f=json&datetime=2020-01-01")]
    [InlineData("/collections/bases/items/always?datetime=2020-01-01&limit=2")]
    public async Task ParametersGdalAppendsToEveryRequestAreAcceptedWhereTheyDoNotApply(string path) =>
        Assert.True((await api.Client.GetAsync(path)).IsSuccessStatusCode, path);

    [Theory]
    [InlineData("id=always", "always")]
    [InlineData("validFrom=2015-01-01", "always")]
    [InlineData("approximate=1", "always")]
    public async Task EveryQueryableIsAlsoAQueryParameter(string query, string id) =>
        Assert.Contains(id, await api.FeatureIds("/collections/bases/items?" + query));
}
