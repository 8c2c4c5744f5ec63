using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Map.Web.Items;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Map.IntegrationTests.Ogc;

/// <summary>Landing page, conformance, the OpenAPI document and its reference page, and HTML representations.</summary>
[Collection(ApiCollection.Name)]
public sealed class OgcResourcesTests(ApiFixture api)
{
    [Fact]
    public async Task TheLandingPageIsJsonForClientsWithLinksToTheApiConformanceAndCollections()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var landing = JsonNode.Parse(await (await api.Client.SendAsync(request)).Content.ReadAsStringAsync())!.AsObject();
        foreach (var (rel, path) in new[] { ("service-desc", "/api"), ("service-doc", "/api/reference"),
                     ("conformance", "/conformance"), ("data", "/collections") })
            Assert.EndsWith(path, ApiFixture.Link(landing, rel));
        Assert.Equal(landing.ToJsonString(), (await api.GetJson("/?f=json")).ToJsonString());
    }

    [Fact]
    public async Task TheLandingPageIsTheMapForBrowsers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var response = await api.Client.SendAsync(request);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"importmap\">", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConformanceDeclaresCoreGeoJsonOpenApiCrsAndFiltering()
    {
        var classes = (await api.GetJson("/conformance"))["conformsTo"]!.AsArray().Select(c => (string)c!).ToArray();
        foreach (var suffix in new[] { "features-1/1.0/conf/core", "features-1/1.0/conf/geojson", "features-1/1.0/conf/oas30", "features-2/1.0/conf/crs",
                     "features-3/1.0/conf/filter", "features-3/1.0/conf/queryables",
                     "cql2/1.0/conf/cql2-text", "cql2/1.0/conf/cql2-json", "cql2/1.0/conf/basic-cql2" })
            Assert.Contains(classes, c => c.EndsWith(suffix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheApiDocumentIsAValidOpenApi30DocumentListingEveryParameter()
    {
        var text = await api.Client.GetStringAsync("/api");
        Assert.StartsWith("3.0.", (string?)JsonNode.Parse(text)!["openapi"]);

        // Microsoft.OpenApi's reader and its default validation rules, offline.
        var settings = new OpenApiReaderSettings();
        var read = OpenApiDocument.Parse(text, "json", settings);
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, read.Diagnostic.SpecificationVersion);
        var document = Assert.IsType<OpenApiDocument>(read.Document);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);

        var items = document.Paths["/collections/{collectionId}/items"].Operations![HttpMethod.Get];
        var listed = items.Parameters!.Where(p => p.In == ParameterLocation.Query).Select(p => p.Name!).Order().ToArray();
        Assert.Equal(ItemsRequest.Names.Order(), listed);
        Assert.All(items.Parameters!, p => Assert.False(p.In == ParameterLocation.Query && string.IsNullOrEmpty(p.Description), p.Name));
        var limit = items.Parameters!.Single(p => p.Name == "limit").Schema!;
        Assert.Equal(("1", "10000"), (limit.Minimum, limit.Maximum));
        foreach (var path in new[] { "/", "/conformance", "/collections", "/collections/{collectionId}",
                     "/collections/{collectionId}/items/{featureId}", "/collections/{collectionId}/queryables" })
            Assert.Contains(document.Paths[path].Operations![HttpMethod.Get].Parameters!, p => p.Name == "f");
    }

    [Fact]
    public async Task TheApiDocumentPassesSwaggerParserValidation()
    {
        // @apidevtools/swagger-parser validates against the official OpenAPI 3.0 schema (npm, pinned by package-lock.json).
        var validator = Path.Combine(Map.Testing.MapApplication.RepositoryRoot, "tests", "Map.IntegrationTests", "OpenApi", "validator");
        if (!Directory.Exists(Path.Combine(validator, "node_modules", "@apidevtools", "swagger-parser")))
            await Gdal.GdalTool.RunInAsync(validator, "npm", "ci", "--no-audit", "--no-fund");
        var document = Gdal.GdalTool.TempPath("openapi.json");
        await File.WriteAllTextAsync(document, await api.Client.GetStringAsync("/api"));
        Assert.Contains("valid: OpenAPI 3.0", await Gdal.GdalTool.RunInAsync(validator, "node", "validate.mjs", document));
    }

    [Fact]
    public async Task TheApiReferencePageIsSelfContained()
    {
        var html = await api.Client.GetStringAsync("/api/reference");
        Assert.Contains("fetch('../api'", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [Theory]
    [InlineData("/collections?f=html", "Collections")]
    [InlineData("/collections/bases?f=html", "Bases")]
    [InlineData("/collections/bases/items?f=html&limit=2", "bases: features")]
    [InlineData("/collections/bases/items/always?f=html", "bases: always")]
    [InlineData("/conformance?f=html", "Conformance")]
    public async Task EveryResourceHasAnHtmlRepresentation(string path, string title)
    {
        var response = await api.Client.GetAsync(path);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<h1>{title}</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ACollectionLinksToItsItemsAndQueryables()
    {
        var zones = await api.GetJson("/collections/zones");
        Assert.EndsWith("/collections/zones/items", ApiFixture.Link(zones, "items"));
        Assert.EndsWith("/collections/zones/queryables", ApiFixture.Link(zones, "http://www.opengis.net/def/rel/ogc/1.0/queryables"));
    }
}
