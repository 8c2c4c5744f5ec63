using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Map.IntegrationTests.Living;

/// <summary>An edit is one transaction: a reader sees the feature wholly before or wholly after it, never a mix.</summary>
[Collection(LivingCollection.Name)]
public sealed class ConcurrentReaderTests(LivingFixture living)
{
    [Fact]
    public async Task ReadersNeverSeeHalfAnEdit()
    {
        // Two complete versions whose name, geometry, kind and end date belong together.
        var a = LivingFixture.NewBase("atomic-1", "Version A", 40.1, 36.1);
        var b = LivingFixture.NewBase("atomic-1", "Version B", 41.9, 36.9);
        b["properties"]!["kind"] = "outpost";
        b["properties"]!["validTo"] = "2024-12-31";
        string Signature(JsonNode f) => $"{f["properties"]!["name"]}|{f["geometry"]!.ToJsonString()}|{f["properties"]!["kind"]}|{f["properties"]!["validTo"]}";
        var allowed = new[] { Signature(a), Signature(b) };
        await living.Create(a);

        using var stop = new CancellationTokenSource();
        var seen = new List<string>();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (!stop.IsCancellationRequested)
            {
                var page = await living.Client.GetFromJsonAsync<JsonObject>("/collections/bases/items?limit=1000&properties=");
                var one = await living.Client.GetFromJsonAsync<JsonObject>("/collections/bases/items/atomic-1");
                mine.Add(Signature(one!));
                Assert.Contains("atomic-1", page!["features"]!.AsArray().Select(f => (string)f!["id"]!));
            }
            return mine;
        })).ToList();

        for (var i = 0; i < 20; i++)
        {
            var (_, etag) = await living.Read("/collections/bases/items/atomic-1");
            using var response = await living.Write(HttpMethod.Put, "/collections/bases/items/atomic-1", i % 2 == 0 ? b : a, living.EditorKey, etag);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        await stop.CancelAsync();
        foreach (var reader in readers) seen.AddRange(await reader);

        Assert.NotEmpty(seen);
        Assert.All(seen, s => Assert.Contains(s, allowed));
        Assert.Contains(allowed[1], seen);
    }
}
