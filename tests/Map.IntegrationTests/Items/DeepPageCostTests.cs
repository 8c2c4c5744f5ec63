using System.Text.Json.Nodes;
using Map.Data.Queries;
using Map.Web.Items;
using Npgsql;

namespace Map.IntegrationTests.Items;

/// <summary>
/// "Deep pages cost the same as the first": measured as the rows PostgreSQL reads for a page (EXPLAIN ANALYZE of the
/// SQL the API builds for that request), not as time, so it holds on a busy machine and whatever the storage layout.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DeepPageCostTests(ApiFixture api)
{
    private const string Layer = "deep-paging";
    private const int Features = 12_000;
    private const int PageSize = 100;

    [Fact]
    public async Task APageAfterTenThousandFeaturesReadsAboutAsManyRowsAsTheFirstPage()
    {
        await AddLayerAsync();
        try
        {
            // The cursor the API itself writes after 10,000 features, read from its next link.
            var tenThousand = await api.GetJson($"/collections/{Layer}/items?limit=10000&properties=");
            var cursor = System.Web.HttpUtility.ParseQueryString(new Uri(ApiFixture.Link(tenThousand, "next")!).Query)["cursor"];
            var deepPage = await api.GetJson($"/collections/{Layer}/items?limit={PageSize}&cursor={cursor}");
            Assert.Equal("deep-10000", Ids(deepPage)[0]);

            var first = await RowsReadAsync(new ItemsQuery(Layer) { Limit = PageSize });
            var deep = await RowsReadAsync(new ItemsQuery(Layer) { Limit = PageSize, Cursor = PageCursors.Parse(cursor, []) });
            var offset = await RowsReadAsync(new ItemsQuery(Layer) { Limit = PageSize, Offset = 10_000 });

            // The measure can see a deep page's cost: an offset walks past every row before it.
            Assert.True(offset.Rows >= 10_000, $"offset 10000 read {offset.Rows} rows");
            // A cursor page reads about one page of rows, however deep, and sorts nothing but (at most) that page.
            Assert.True(first.Rows <= 2 * (PageSize + 1), $"the first page read {first.Rows} rows");
            Assert.True(deep.Rows <= 2 * (PageSize + 1), $"the page after 10,000 read {deep.Rows} rows");
            Assert.True(deep.Rows <= first.Rows * 1.5, $"deep page {deep.Rows} rows, first page {first.Rows}");
            Assert.True(deep.LargestSort <= 2 * (PageSize + 1), $"the deep page sorted {deep.LargestSort} rows");
        }
        finally
        {
            await api.ExecuteAsync($"DELETE FROM features WHERE layer_id = '{Layer}'; DELETE FROM layers WHERE id = '{Layer}'");
        }
    }

    private async Task AddLayerAsync() =>
        await api.ExecuteAsync($"""
            INSERT INTO layers (id, title, description, geometry_kind, role, style, display_order, published, updated_at)
            VALUES ('{Layer}', 'Deep paging', 'Test layer', 'Point', 'Presence', '{"{}"}', 50, true, now());
            INSERT INTO features (id, layer_id, name, kind, geometry, valid_from, date_precision, confidence, approximate,
                                  sources, properties, created_at, updated_at)
            SELECT 'deep-' || lpad(i::text, 5, '0'), '{Layer}', 'Deep ' || i, 'outpost',
                   ST_SetSRID(ST_MakePoint(40 + (i % 100) * 0.01, 36 + (i / 100) * 0.01), 4326),
                   date '2020-01-01', 'Day', 0.5, false, '[]', '{"{}"}', now(), now()
            FROM generate_series(0, {Features - 1}) AS i;
            ANALYZE features;
            """);

    /// <summary>Rows read by every scan of the plan (actual rows × loops), and the most rows any sort node took in.</summary>
    private async Task<(long Rows, long LargestSort)> RowsReadAsync(ItemsQuery query)
    {
        await using var connection = new NpgsqlConnection(api.App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = FeatureSql.Page(query);
        command.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + command.CommandText;
        command.Connection = connection;
        var plan = JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)![0]!["Plan"]!;
        long rows = 0, largestSort = 0;
        Visit(plan);
        return (rows, largestSort);

        void Visit(JsonNode node)
        {
            var type = (string)node["Node Type"]!;
            var actual = (long)(double)node["Actual Rows"]! * (long)(double)node["Actual Loops"]!;
            if (type.Contains("Scan", StringComparison.Ordinal)) rows += actual;
            if (type.Contains("Sort", StringComparison.Ordinal))
                largestSort = Math.Max(largestSort, node["Plans"]!.AsArray().Sum(child => (long)(double)child!["Actual Rows"]!));
            foreach (var child in node["Plans"]?.AsArray() ?? []) Visit(child!);
        }
    }

    private static string[] Ids(JsonObject page) => page["features"]!.AsArray().Select(f => (string)f!["id"]!).ToArray();
}
