using System.Text.Json.Nodes;
using Map.Data;
using Map.Data.Connections;
using Map.Data.Queries;
using Map.Testing;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Map.IntegrationTests.Items;

/// <summary>
/// Two dense layers over the same ground (40,000 points each, fresh statistics), as the planner sees a real database:
/// the items SQL of one layer must plan as if that layer were alone.
/// </summary>
public sealed class DenseLayersFixture : IAsyncLifetime
{
    public const int PointsPerLayer = 40_000;
    public const string Layer = "dense-a";
    public const string Neighbour = "dense-b";

    public TestDatabase Database { get; private set; } = null!;
    /// <summary>The partition of <see cref="Layer"/> and its indexes by access method (gist, and btree by first column).</summary>
    public string Partition { get; private set; } = "";
    public string SpatialIndex { get; private set; } = "";
    public string KeyIndex { get; private set; } = "";
    public string TimeIndex { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("plans");
        await using var dataSource = MapDataRegistration.CreateDataSource(Database.ConnectionString);
        await MapSchema.MigrateAsync(dataSource);
        await using (var fill = dataSource.CreateCommand($$"""
            INSERT INTO actors (id, name, name_ar, colour) VALUES ('alpha', 'Alpha', '', '#000'), ('beta', 'Beta', '', '#111');
            INSERT INTO layers (id, title, description, geometry_kind, role, style, display_order, updated_at)
            VALUES ('{{Layer}}', 'A', '', 'Point', 'Presence', '{}', 1, now()), ('{{Neighbour}}', 'B', '', 'Point', 'Presence', '{}', 2, now());
            SELECT setseed(0.25);
            INSERT INTO features (id, layer_id, actor_id, name, kind, geometry, valid_from, valid_to, date_precision, confidence, approximate,
                sources, properties, created_at, updated_at)
            SELECT layer || '-' || lpad(g::text, 6, '0'), layer, CASE WHEN g % 2 = 0 THEN 'alpha' ELSE 'beta' END, 'Site ' || g, 'base',
                ST_SetSRID(ST_MakePoint(38.5 + random() * 3.8, 35.0 + random() * 2.3), 4326),
                date '2014-01-01' + g % 3650, CASE WHEN g % 4 = 0 THEN NULL ELSE date '2014-01-01' + g % 3650 + 30 + g % 900 END,
                'Day', 0.5, false, '[]', '{}', now(), now()
            FROM unnest(ARRAY['{{Layer}}', '{{Neighbour}}']) layer, generate_series(1, {{PointsPerLayer}}) g;
            ANALYZE features;
            """))
        {
            fill.CommandTimeout = 300;
            await fill.ExecuteNonQueryAsync();
        }
        Partition = await Database.ScalarAsync<string>($"SELECT relname::text FROM pg_class WHERE oid = layer_storage.partition_of('{Layer}')");
        async Task<string> Index(string where) => await Database.ScalarAsync<string>(
            "SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam " +
            $"JOIN pg_attribute t ON t.attrelid = i.indrelid AND t.attnum = i.indkey[0] WHERE i.indrelid = layer_storage.partition_of('{Layer}') AND {where}");
        SpatialIndex = await Index("a.amname = 'gist'");
        KeyIndex = await Index("i.indisprimary");
        TimeIndex = await Index("t.attname = 'valid_from'");
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>Runs the command under EXPLAIN ANALYZE, in a session set up as the API's read path (ReadDatabase), and returns every plan node.</summary>
    public async Task<List<JsonObject>> PlanAsync(NpgsqlCommand command)
    {
        var builder = new NpgsqlDataSourceBuilder(Database.ConnectionString);
        builder.ConnectionStringBuilder.Options = ReadDatabase.SessionOptions;
        builder.UseNetTopologySuite();
        await using var dataSource = builder.Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        command.Connection = connection;
        command.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + command.CommandText;
        var plan = JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)![0]!["Plan"]!.AsObject();
        var nodes = new List<JsonObject>();
        void Collect(JsonObject node)
        {
            nodes.Add(node);
            foreach (var child in node["Plans"]?.AsArray() ?? []) Collect(child!.AsObject());
        }
        Collect(plan);
        return nodes;
    }
}

/// <summary>
/// The plans of the items SQL (FeatureSql) on <see cref="DenseLayersFixture"/>: which relations and indexes each
/// request reads, and how many rows. The SQL text is not asserted; what PostgreSQL does with it is.
/// </summary>
public sealed class ItemsSqlTests(DenseLayersFixture dense) : IClassFixture<DenseLayersFixture>
{
    private static readonly Envelope CityBox = new(40.6, 40.7, 36.5, 36.58);

    private static IEnumerable<JsonObject> Scans(List<JsonObject> plan) => plan.Where(n => n["Relation Name"] is not null || n["Index Name"] is not null);

    private static string? Text(JsonObject node, string key) => (string?)node[key];

    /// <summary>A row count of a plan node; zero when the plan leaves it out.</summary>
    private static long Rows(JsonObject node, string key) => node[key]?.GetValue<long>() ?? 0;

    /// <summary>Every scan reads the layer's own partition (no other relation), through the given indexes only.</summary>
    private void ReadsOnlyTheLayer(List<JsonObject> plan, params string[] indexes)
    {
        var scans = Scans(plan).ToList();
        Assert.NotEmpty(scans);
        Assert.All(scans.Where(s => s["Relation Name"] is not null), s => Assert.Equal(dense.Partition, Text(s, "Relation Name")));
        Assert.Equal(indexes.Order(), scans.Select(s => Text(s, "Index Name")).OfType<string>().Distinct().Order());
        Assert.DoesNotContain(plan, n => Text(n, "Node Type") == "Seq Scan");
    }

    [Fact]
    public async Task ACityBoxOnOneLayerReadsOnlyThatLayersSpatialIndexAndTheRowsInTheBox()
    {
        var plan = await dense.PlanAsync(FeatureSql.Page(new ItemsQuery(DenseLayersFixture.Layer) { Bbox = CityBox, Limit = 100 }));

        ReadsOnlyTheLayer(plan, dense.SpatialIndex);
        var matched = Rows(plan[0], "Actual Rows");
        Assert.InRange(matched, 5, 100);
        // The heap is read for the rows in the box, not for the whole layer (the plan read 200,000 index entries of the layer).
        var heap = plan.Single(n => Text(n, "Relation Name") == dense.Partition);
        Assert.InRange(Rows(heap, "Actual Rows") + Rows(heap, "Rows Removed by Index Recheck") + Rows(heap, "Rows Removed by Filter"),
            matched, 4 * matched);
    }

    [Fact]
    public async Task AGovernorateBoxAtLimit100ReadsOnlyThatLayer()
    {
        var plan = await dense.PlanAsync(FeatureSql.Page(new ItemsQuery(DenseLayersFixture.Layer)
        {
            Bbox = new Envelope(40, 41.5, 36, 37.2),
            Limit = 100,
        }));

        Assert.All(Scans(plan).Where(s => s["Relation Name"] is not null), s => Assert.Equal(dense.Partition, Text(s, "Relation Name")));
        Assert.DoesNotContain(plan, n => Text(n, "Node Type") == "Seq Scan");
    }

    [Fact]
    public async Task PagingWithACursorWalksTheLayersPrimaryKeyAndReadsOnlyOnePage()
    {
        var cursor = new PageCursor([$"{DenseLayersFixture.Layer}-020000"], Previous: false);

        var plan = await dense.PlanAsync(FeatureSql.Page(new ItemsQuery(DenseLayersFixture.Layer) { Cursor = cursor, Limit = 100 }));

        ReadsOnlyTheLayer(plan, dense.KeyIndex);
        Assert.DoesNotContain(plan, n => Text(n, "Node Type") == "Sort");
        Assert.Equal(101L, Rows(plan.Single(n => Text(n, "Index Name") == dense.KeyIndex), "Actual Rows"));
    }

    [Fact]
    public async Task APreviousPageWalksTheSameKeyBackwards()
    {
        var cursor = new PageCursor([$"{DenseLayersFixture.Layer}-020000"], Previous: true);

        var plan = await dense.PlanAsync(FeatureSql.Page(new ItemsQuery(DenseLayersFixture.Layer) { Cursor = cursor, Limit = 100 }));

        ReadsOnlyTheLayer(plan, dense.KeyIndex);
        var scan = plan.Single(n => Text(n, "Index Name") == dense.KeyIndex);
        Assert.Equal("Backward", Text(scan, "Scan Direction"));
        Assert.Equal(101L, Rows(scan, "Actual Rows"));
    }

    [Fact]
    public async Task ADatetimeOfTheEarliestDaysReadsTheLayersValidTimeIndex()
    {
        var plan = await dense.PlanAsync(FeatureSql.Page(new ItemsQuery(DenseLayersFixture.Layer)
        {
            ValidTime = new ValidTime(new DateOnly(2014, 1, 1), new DateOnly(2014, 1, 3)),
            Limit = 100,
        }));

        ReadsOnlyTheLayer(plan, dense.TimeIndex);
    }

    [Fact]
    public async Task ADatetimeThatMostFeaturesMatchPagesThroughThePrimaryKeyAndStopsAfterAPage()
    {
        var plan = await dense.PlanAsync(FeatureSql.Page(new ItemsQuery(DenseLayersFixture.Layer)
        {
            ValidTime = ValidTime.On(new DateOnly(2020, 6, 1)),
            Limit = 100,
        }));

        ReadsOnlyTheLayer(plan, dense.KeyIndex);
        Assert.DoesNotContain(plan, n => Text(n, "Node Type") == "Sort");
        var scan = plan.Single(n => Text(n, "Index Name") == dense.KeyIndex);
        Assert.True(Rows(scan, "Actual Rows") + Rows(scan, "Rows Removed by Filter") < DenseLayersFixture.PointsPerLayer / 4);
    }

    [Fact]
    public async Task Cql2SpatialAndDateComparisonsUseTheLayersIndexes()
    {
        var box = new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(CityBox);
        var validFrom = new PropertyOperand(QueryableProperties.Find("validFrom")!);
        var actor = new PropertyOperand(QueryableProperties.Find("actor")!);

        var spatial = await dense.PlanAsync(FeatureSql.Page(new ItemsQuery(DenseLayersFixture.Layer)
        {
            Filter = new AndExpression(
                [new SpatialIntersectsExpression(box), new ComparisonExpression(ComparisonOperator.Equal, actor, new LiteralOperand("alpha"))]),
        }));
        var recent = await dense.PlanAsync(FeatureSql.Page(new ItemsQuery(DenseLayersFixture.Layer)
        {
            Filter = new ComparisonExpression(ComparisonOperator.GreaterOrEqual, validFrom, new LiteralOperand(new DateOnly(2023, 12, 30))),
        }));

        ReadsOnlyTheLayer(spatial, dense.SpatialIndex);
        ReadsOnlyTheLayer(recent, dense.TimeIndex);
    }

    [Fact]
    public async Task TheQueryCarriesValuesOnlyAsParameters()
    {
        await using var command = FeatureSql.Page(new ItemsQuery(DenseLayersFixture.Layer)
        {
            Filter = new ComparisonExpression(
                ComparisonOperator.Equal, new PropertyOperand(QueryableProperties.Find("actor")!), new LiteralOperand("alpha'; --")),
        });

        Assert.DoesNotContain("alpha", command.CommandText);
        Assert.DoesNotContain(DenseLayersFixture.Layer, command.CommandText);
        Assert.Contains(command.Parameters, p => Equals(p.Value, "alpha'; --"));
    }
}
