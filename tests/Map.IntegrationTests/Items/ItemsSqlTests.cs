using Map.Data.Queries;
using NetTopologySuite.Geometries;

namespace Map.IntegrationTests.Items;

[Collection(ApiCollection.Name)]
public sealed class ItemsSqlTests(ApiFixture api)
{
    [Fact]
    public async Task TheItemsQueryFiltersWithStIntersectsOnTheIndexedColumnAndOnlyParameters()
    {
        var query = new ItemsQuery("bases")
        {
            Bbox = new Envelope(40.5, 42, 36, 37.5),
            ValidTime = ValidTime.On(new DateOnly(2020, 1, 1)),
            Filter = new ComparisonExpression(
                ComparisonOperator.Equal, new PropertyOperand(QueryableProperties.Find("actor")!), new LiteralOperand("alpha'; --")),
        };
        await using var command = FeatureSql.Page(query);

        Assert.Contains("ST_Intersects(f.geometry, ST_MakeEnvelope(@p1, @p2, @p3, @p4, 4326))", command.CommandText);
        Assert.Contains("(f.actor_id = @p7)", command.CommandText);
        Assert.DoesNotContain("alpha", command.CommandText);
        Assert.Equal("alpha'; --", command.Parameters["p7"].Value);

        // And PostgreSQL answers it from the GiST index.
        await using var connection = new Npgsql.NpgsqlConnection(api.App.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new Npgsql.NpgsqlCommand("SET enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync();
        command.CommandText = "EXPLAIN " + command.CommandText.Replace("LIMIT @p8", "");
        command.Connection = connection;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        Assert.Contains(plan, line => line.Contains("ix_features_geometry") || line.Contains("ix_features_layer_id_id"));
    }
}
