using Npgsql;

namespace Map.IntegrationTests.Living;

/// <summary>
/// The ways to remove rows that no row trigger sees — a TRUNCATE of features, dropping a layer's partition with the
/// layer — still leave every removed row in history as deleted, and say so on the change feed: a TRUNCATE copies the
/// rows, a deleted layer's table becomes history as it is.
/// </summary>
[Collection(LivingCollection.Name)]
public sealed class RemovalTests(LivingFixture living)
{
    [Fact]
    public async Task ATruncateOfFeaturesKeepsEveryRowInHistoryAsDeleted()
    {
        // Inside a transaction that is rolled back: the other tests of the collection keep their features.
        await using var connection = await living.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var perLayer = await Rows(connection, "SELECT layer_id || ':' || count(*) FROM features GROUP BY layer_id ORDER BY layer_id");
        Assert.NotEmpty(perLayer);
        var deletedBefore = await Count(connection, "SELECT count(*) FROM feature_history WHERE deleted");
        var latestChange = await Count(connection, "SELECT coalesce(max(id), 0) FROM changes");

        await using (var truncate = new NpgsqlCommand("TRUNCATE features", connection)) await truncate.ExecuteNonQueryAsync();

        Assert.Equal(0L, await Count(connection, "SELECT count(*) FROM features"));
        var kept = await Rows(connection,
            "SELECT layer_id || ':' || count(*) FROM feature_history WHERE deleted AND recorded_to = transaction_timestamp() " +
            "GROUP BY layer_id ORDER BY layer_id");
        Assert.Equal(perLayer, kept);
        Assert.Equal(perLayer.Sum(r => long.Parse(r.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)),
            await Count(connection, "SELECT count(*) FROM feature_history WHERE deleted") - deletedBefore);
        var announced = await Rows(connection,
            $"SELECT layer_id || ':' || feature_count FROM changes WHERE id > {latestChange} AND operation = 'delete' ORDER BY layer_id");
        Assert.Equal(perLayer, announced);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task DeletingALayerKeepsItsFeaturesInHistoryAsDeleted()
    {
        var layer = $"removed-{Guid.NewGuid():N}"[..16];
        await Execute($"""
            INSERT INTO layers (id, title, description, geometry_kind, role, style, display_order, published, updated_at)
            VALUES ('{layer}', 'A layer to remove', '', 'Point', 'Presence', '{"{}"}', 60, true, now())
            """);
        var id = $"{layer}-1";
        await living.Create(LivingFixture.NewBase(id), layer);
        var latestChange = await living.Count("SELECT coalesce(max(id), 0) FROM changes");

        await Execute($"DELETE FROM layers WHERE id = '{layer}'");

        Assert.Equal(0L, await living.Count($"SELECT count(*) FROM features WHERE id = '{id}'"));
        Assert.Equal(1L, await living.Count($"SELECT count(*) FROM feature_history WHERE layer_id = '{layer}' AND id = '{id}' AND deleted"));
        // Not copied: the layer's table itself became part of the history (layer_storage.retire).
        Assert.Equal(0L, await living.Count($"SELECT count(*) FROM ONLY feature_history WHERE layer_id = '{layer}'"));
        Assert.Equal(1L, await living.Count(
            $"SELECT count(*) FROM changes WHERE id > {latestChange} AND layer_id = '{layer}' AND operation = 'delete' AND feature_count = 1"));
    }

    private async Task Execute(string sql)
    {
        await using var command = living.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Count(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> Rows(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
