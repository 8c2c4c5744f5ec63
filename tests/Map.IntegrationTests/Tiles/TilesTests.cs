using System.Net;
using System.Text.Json.Nodes;
using Map.Data.Queries;

namespace Map.IntegrationTests.Tiles;

/// <summary>OGC API – Tiles resources: metadata, links, conformance, errors, caching, and the SQL behind a tile.</summary>
[Collection(ApiCollection.Name)]
public sealed class TilesTests(ApiFixture api)
{
    private const string Tile = "/collections/bases/tiles/WebMercatorQuad/5/12/19?datetime=2020-08-25";

    [Fact]
    public async Task EveryCollectionLinksToItsVectorTilesets()
    {
        var collection = await api.GetJson("/collections/zones");
        Assert.EndsWith("/collections/zones/tiles", ApiFixture.Link(collection, "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"));

        var tilesets = await api.GetJson("/collections/zones/tiles");
        var tileset = tilesets["tilesets"]!.AsArray().Single()!.AsObject();
        Assert.Equal("vector", (string)tileset["dataType"]!);
        Assert.Equal("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad", (string)tileset["tileMatrixSetURI"]!);
        Assert.EndsWith("/collections/zones/tiles/WebMercatorQuad", ApiFixture.Link(tileset, "self"));
        Assert.EndsWith("/tileMatrixSets/WebMercatorQuad", ApiFixture.Link(tileset, "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"));
    }

    [Fact]
    public async Task TilesetMetadataHasATileTemplateKeepingTheDateAndTheTileJsonMembers()
    {
        var tileset = await api.GetJson("/collections/bases/tiles/WebMercatorQuad?datetime=2020-08-25");
        var template = tileset["links"]!.AsArray().Single(l => (string?)l!["rel"] == "item")!;
        Assert.True((bool)template["templated"]!);
        Assert.Equal("application/vnd.mapbox-vector-tile", (string)template["type"]!);
        Assert.EndsWith("/collections/bases/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}?datetime=2020-08-25", (string)template["href"]!);

        Assert.Equal("3.0.0", (string)tileset["tilejson"]!);
        Assert.Equal((string)template["href"]!, (string)tileset["tiles"]![0]!);
        Assert.Equal(0, (int)tileset["minzoom"]!);
        Assert.Equal(16, (int)tileset["maxzoom"]!);
        Assert.Equal(4, tileset["bounds"]!.AsArray().Count);
        var fields = tileset["vector_layers"]![0]!["fields"]!.AsObject();
        Assert.Equal("bases", (string)tileset["vector_layers"]![0]!["id"]!);
        foreach (var name in TileSql.StyleProperties.Append(TileSql.CountProperty)) Assert.True(fields.ContainsKey(name), name);
        Assert.Equal(17, tileset["tileMatrixSetLimits"]!.AsArray().Count);
    }

    [Fact]
    public async Task TheTileMatrixSetIsWebMercatorQuadWithItsTwentyFiveMatrices()
    {
        var list = await api.GetJson("/tileMatrixSets");
        Assert.Equal("WebMercatorQuad", (string)list["tileMatrixSets"]![0]!["id"]!);
        var definition = await api.GetJson("/tileMatrixSets/WebMercatorQuad");
        Assert.Equal("http://www.opengis.net/def/crs/EPSG/0/3857", (string)definition["crs"]!);
        var matrices = definition["tileMatrices"]!.AsArray();
        Assert.Equal(25, matrices.Count);
        Assert.Equal(559082264.0287, (double)matrices[0]!["scaleDenominator"]!, 3);
        Assert.Equal(4096, (long)matrices[12]!["matrixWidth"]!);
        await api.GetProblem("/tileMatrixSets/WorldCRS84Quad", 404);
    }

    [Fact]
    public async Task TheConformanceDeclarationAndTheLandingPageNameTheTiles()
    {
        var classes = (await api.GetJson("/conformance"))["conformsTo"]!.AsArray().Select(c => (string)c!).ToList();
        foreach (var name in new[] { "core", "tileset", "tilesets-list", "geodata-tilesets", "mvt", "datetime" })
            Assert.Contains($"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/{name}", classes);
        Assert.Contains("http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset", classes);
        var landing = await api.GetJson("/?f=json");
        Assert.EndsWith("/tileMatrixSets", ApiFixture.Link(landing, "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"));
    }

    [Theory]
    [InlineData("/collections/bases/tiles/WebMercatorQuad/x/12/19", "tileMatrix")]
    [InlineData("/collections/bases/tiles/WebMercatorQuad/5/-1/19", "tileRow")]
    [InlineData("/collections/bases/tiles/WebMercatorQuad/5/12/1.5", "tileCol")]
    [InlineData("/collections/bases/tiles/WebMercatorQuad/5/12/19?datetime=yesterday", "datetime")]
    [InlineData("/collections/bases/tiles/WebMercatorQuad/5/12/19?filter=nosuch%20%3D%201", "filter")]
    [InlineData("/collections/bases/tiles/WebMercatorQuad/5/12/19?bbox=1,2,3,4", "bbox")]
    public async Task AValueThatIsNotATileAddressOrAParameterIsA400NamingIt(string path, string parameter)
    {
        var problem = await api.GetProblem(path, 400);
        Assert.Equal("invalid-parameter", (string)problem["code"]!);
        Assert.Equal(parameter, (string)problem["parameter"]!);
    }

    [Theory]
    [InlineData("/collections/bases/tiles/WebMercatorQuad/5/32/19", "tile-not-found")]
    [InlineData("/collections/bases/tiles/WebMercatorQuad/17/0/0", "tile-not-found")]
    [InlineData("/collections/bases/tiles/WebMercatorQuad/25/0/0", "tile-not-found")]
    [InlineData("/collections/bases/tiles/WorldCRS84Quad/5/12/19", "tile-matrix-set-not-found")]
    [InlineData("/collections/nosuch/tiles/WebMercatorQuad/5/12/19", "collection-not-found")]
    [InlineData("/collections/nosuch/tiles/WebMercatorQuad", "collection-not-found")]
    public async Task ATileOutsideTheMatrixOrOfNoCollectionIsA404(string path, string code)
    {
        var problem = await api.GetProblem(path, 404);
        Assert.Equal(code, (string)problem["code"]!);
    }

    [Fact]
    public async Task ATileHasAStrongETagAnsweredWith304AndACacheControlProxiesMayKeep()
    {
        var first = await api.Client.GetAsync(Tile);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag!;
        Assert.False(tag.IsWeak);
        Assert.Equal("public, max-age=60", first.Headers.CacheControl!.ToString());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, Tile);
        conditional.Headers.IfNoneMatch.Add(tag);
        var second = await api.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());

        var otherDate = await api.Client.GetAsync(Tile.Replace("2020-08-25", "2017-01-01", StringComparison.Ordinal));
        Assert.NotEqual(tag, otherDate.Headers.ETag);
    }

    [Fact]
    public async Task TheTileETagChangesWhenTheLayerChanges()
    {
        var path = "/collections/zones/tiles/WebMercatorQuad/12/1594/2511";
        var before = (await api.Client.GetAsync(path)).Headers.ETag!;
        await api.ExecuteAsync("UPDATE layers SET updated_at = updated_at + interval '1 second' WHERE id = 'zones'");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(before);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task TheTileQueryStaysOnTheParentTableWithTheLayerAsAParameterAndUsesTheGistIndex()
    {
        var day = ValidTime.On(new DateOnly(2020, 8, 25));
        foreach (var query in new[] { new TileQuery("bases", 5, 19, 12) { ValidTime = day }, new TileQuery("bases", 12, 2511, 1601) { ValidTime = day } })
        {
            await using var command = TileSql.Tile(query, new TileSettings(12, 32), withLayerStamp: false);
            Assert.Contains("FROM features f, bounds b WHERE f.layer_id = @p0 AND f.geometry && b.area", command.CommandText);
            Assert.DoesNotContain("'bases'", command.CommandText);
            Assert.Equal("bases", command.Parameters["p0"].Value);

            await using var connection = new Npgsql.NpgsqlConnection(api.App.Database.ConnectionString);
            await connection.OpenAsync();
            await using (var off = new Npgsql.NpgsqlCommand("SET enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync();
            command.CommandText = "EXPLAIN " + command.CommandText;
            command.Connection = connection;
            var plan = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
            // The GiST index of the layer's own partition (features is partitioned by layer).
            var index = await GistIndexOfLayer(connection, "bases");
            Assert.Contains(plan, line => line.Contains(index, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task TheCollectionTellsTheMapHowManyFeaturesItHolds()
    {
        var collection = await api.GetJson("/collections/bases");
        var count = await api.App.Database.ScalarAsync<long>("SELECT count(*) FROM features WHERE layer_id = 'bases'");
        Assert.Equal(count, (long)collection["featureCount"]!);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheTileEndpoints()
    {
        var document = await api.GetJson("/api");
        var paths = document["paths"]!.AsObject();
        var tile = paths["/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}"]!["get"]!;
        Assert.Equal("getCollectionVectorTile", (string)tile["operationId"]!);
        var parameters = tile["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        Assert.Contains("datetime", parameters);
        Assert.Contains("filter", parameters);
        Assert.True(paths.ContainsKey("/tileMatrixSets/{tileMatrixSetId}"));
        Assert.NotNull(tile["responses"]!["200"]!["content"]!["application/vnd.mapbox-vector-tile"]);
    }

    private static async Task<string> GistIndexOfLayer(Npgsql.NpgsqlConnection connection, string layer)
    {
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
            WHERE i.indrelid = layer_storage.partition_of(@layer) AND a.amname = 'gist'
            """, connection);
        command.Parameters.AddWithValue("layer", layer);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
