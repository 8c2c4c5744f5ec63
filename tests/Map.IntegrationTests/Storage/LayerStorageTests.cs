using Map.Data;
using Map.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Map.IntegrationTests.Storage;

/// <summary>
/// How features are stored: partitioned by layer, one partition per layer, created and dropped with the layer, and an
/// exact count per layer kept by the database. Each test gets its own empty database, migrated from scratch.
/// </summary>
public sealed class LayerStorageTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("storage");
        dataSource = MapDataRegistration.CreateDataSource(database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    private MapDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<MapDbContext>();
        MapDataRegistration.Configure(options, dataSource);
        return new MapDbContext(options.Options);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private Task<T> Scalar<T>(string sql) => database.ScalarAsync<T>(sql);

    /// <summary>A layer row as any writer of layers inserts it (the seeder, an import, SQL by hand).</summary>
    private static string NewLayer(string id) => $$"""
        INSERT INTO layers (id, title, description, geometry_kind, role, style, display_order, updated_at)
        VALUES ('{{id.Replace("'", "''", StringComparison.Ordinal)}}', 'A layer', '', 'Point', 'Presence', '{}', 1, now())
        """;

    private const string InsertFeatures = """
        INSERT INTO features (id, layer_id, name, kind, geometry, valid_from, date_precision, confidence, approximate, sources, properties,
            created_at, updated_at)

        """;

    /// <summary>Points numbered prefix1, prefix2 … (so 'f1%' is f1, f10–f19, f100–f199 and f1000 of 1000).</summary>
    private static string Select(string layer, int count, string prefix) => $$"""
        SELECT '{{prefix}}' || g, '{{layer}}', 'n', 'base', ST_SetSRID(ST_MakePoint(40 + g * 0.001, 36), 4326), date '2020-01-01', 'Day', 0.5,
            false, jsonb '[]', jsonb '{}', now(), now()
        FROM generate_series(1, {{count}}) g
        """;

    private static string Rows(string layer, int count, string prefix = "f") => InsertFeatures + Select(layer, count, prefix);

    [Fact]
    public async Task MigrationsApplyToAnEmptyDatabaseAndMatchTheModel()
    {
        await MapSchema.MigrateAsync(dataSource);

        Assert.True(await MapSchema.IsCurrentAsync(dataSource));
        await using var db = NewContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes no migration captures");
        Assert.Equal(MapSchema.LatestMigration, db.Database.GetMigrations().Last());
        Assert.StartsWith("3.", await Scalar<string>("SELECT extversion FROM pg_extension WHERE extname = 'postgis'"));
        Assert.Equal("p", await Scalar<string>("SELECT relkind::text FROM pg_class WHERE oid = 'features'::regclass"));
        Assert.Equal("LIST (layer_id)", await Scalar<string>("SELECT pg_get_partkeydef('features'::regclass)"));
        Assert.Equal("gist", await Scalar<string>(
            "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'ix_features_geometry'"));
    }

    [Fact]
    public async Task ANewLayerGetsItsOwnPartitionWithEveryIndexAndLosesItWithTheLayer()
    {
        await MapSchema.MigrateAsync(dataSource);

        await ExecuteAsync(NewLayer("o'brien"));

        var partition = await Scalar<string>("SELECT layer_storage.partition_of('o''brien')::text");
        Assert.StartsWith("layer_storage.features_", partition);
        Assert.Equal("btree (layer_id, id), btree (valid_from, valid_to), gist (geometry)", await Scalar<string>(
            "SELECT string_agg(definition, ', ' ORDER BY definition) FROM (SELECT regexp_replace(pg_get_indexdef(indexrelid), '^.* USING ', '') " +
            $"AS definition FROM pg_index WHERE indrelid = '{partition}'::regclass) indexes"));

        await ExecuteAsync("DELETE FROM layers WHERE id = 'o''brien'");

        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM pg_inherits WHERE inhparent = 'features'::regclass"));
        Assert.Equal(0L, await Scalar<long>("SELECT count(*) FROM pg_class WHERE relnamespace = 'layer_storage'::regnamespace AND relkind = 'r'"));
    }

    [Fact]
    public async Task AFeatureOfALayerThatDoesNotExistIsRefused()
    {
        await MapSchema.MigrateAsync(dataSource);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(Rows("nowhere", 1)));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Contains("no partition of relation \"features\" found for row", error.MessageText);
    }

    [Fact]
    public async Task ALayerIdCannotChangeBecauseItsPartitionIsBoundToIt()
    {
        await MapSchema.MigrateAsync(dataSource);
        await ExecuteAsync(NewLayer("fixed"));

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("UPDATE layers SET id = 'moved' WHERE id = 'fixed'"));

        Assert.Contains("a layer id cannot change", error.MessageText);
    }

    [Fact]
    public async Task FeatureIdsAreUniqueWithinALayerNotAcrossLayers()
    {
        await MapSchema.MigrateAsync(dataSource);
        await ExecuteAsync(NewLayer("a"));
        await ExecuteAsync(NewLayer("b"));
        await ExecuteAsync(Rows("a", 3));

        await ExecuteAsync(Rows("b", 3));
        var twice = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(Rows("a", 1)));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, twice.SqlState);
    }

    [Fact]
    public async Task TheFeatureCountFollowsEveryInsertDeleteAndMoveInTheSameTransaction()
    {
        await MapSchema.MigrateAsync(dataSource);
        await ExecuteAsync(NewLayer("a"));
        await ExecuteAsync(NewLayer("b"));
        const string counts = "SELECT string_agg(id || '=' || feature_count, ' ' ORDER BY id) FROM layers";

        await ExecuteAsync(Rows("a", 1000));
        Assert.Equal("a=1000 b=0", await Scalar<string>(counts));

        await ExecuteAsync("DELETE FROM features WHERE layer_id = 'a' AND id LIKE 'f1%'");
        Assert.Equal("a=888 b=0", await Scalar<string>(counts));

        await ExecuteAsync("UPDATE features SET layer_id = 'b' WHERE layer_id = 'a' AND id LIKE 'f2%'");
        await ExecuteAsync("UPDATE features SET name = 'renamed' WHERE layer_id = 'a'");
        Assert.Equal("a=777 b=111", await Scalar<string>(counts));

        await ExecuteAsync($"BEGIN; {Rows("b", 5, "g")}; ROLLBACK");
        Assert.Equal("a=777 b=111", await Scalar<string>(counts));
        Assert.Equal("a=777 b=111", await Scalar<string>(
            "SELECT string_agg(l.id || '=' || (SELECT count(*) FROM features f WHERE f.layer_id = l.id), ' ' ORDER BY l.id) FROM layers l"));
    }

    [Fact]
    public async Task ADatabaseOfTheEarlierLayoutMigratesWithItsFeaturesIntoTheirLayersPartitions()
    {
        await using (var db = NewContext()) await db.GetService<IMigrator>().MigrateAsync("Imports");
        await ExecuteAsync("""
            INSERT INTO actors (id, name, name_ar, colour) VALUES ('us', 'US', '', '#000');
            INSERT INTO layers (id, title, description, geometry_kind, role, style, display_order, updated_at) VALUES
                ('bases', 'Bases', '', 'Point', 'Presence', '{}', 1, now()), ('zones', 'Zones', '', 'Polygon', 'Presence', '{}', 2, now());
            """);
        await ExecuteAsync(InsertFeatures + Select("bases", 300, "f") + " UNION ALL " + Select("zones", 20, "z"));
        var before = await Scalar<string>("SELECT md5(string_agg(to_jsonb(f)::text, '|' ORDER BY layer_id, id)) FROM features f");

        await MapSchema.MigrateAsync(dataSource);

        // Every column the rows had, unchanged (later migrations add columns: last_confirmed, parties).
        Assert.Equal(before, await Scalar<string>(
            "SELECT md5(string_agg((to_jsonb(f) - 'last_confirmed' - 'parties')::text, '|' ORDER BY layer_id, id)) FROM features f"));
        Assert.Equal("bases=300 zones=20", await Scalar<string>("SELECT string_agg(id || '=' || feature_count, ' ' ORDER BY id) FROM layers"));
        Assert.Equal(300L, await Scalar<long>("SELECT count(*) FROM ONLY " + await Scalar<string>("SELECT layer_storage.partition_of('bases')::text")));
        // The layers that existed were published (AnalystMap), so their partitions carry the search indexes.
        Assert.Equal("bases=2 zones=2", await Scalar<string>(SearchIndexCounts));
    }

    private const string SearchIndexCounts = """
        SELECT string_agg(l.id || '=' || (SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                                          WHERE i.indrelid = layer_storage.partition_of(l.id) AND c.relname LIKE '%ix_features_search_%'),
                          ' ' ORDER BY l.id)
        FROM layers l
        """;

    [Fact]
    public async Task OnlyPublishedLayersCarryTheSearchIndexesWhichPublishingBuildsAndWithdrawingDrops()
    {
        await MapSchema.MigrateAsync(dataSource);
        await ExecuteAsync(NewLayer("draft") + "; " + NewLayer("public") + "; UPDATE layers SET published = true WHERE id = 'public'");
        await ExecuteAsync(Rows("draft", 50) + "; " + Rows("public", 50));
        Assert.Equal("draft=0 public=2", await Scalar<string>(SearchIndexCounts));

        await ExecuteAsync("UPDATE layers SET published = NOT published");

        Assert.Equal("draft=2 public=0", await Scalar<string>(SearchIndexCounts));
    }
}
