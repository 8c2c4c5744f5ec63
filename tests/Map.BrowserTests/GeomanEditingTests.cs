using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Map.BrowserTests;

/// <summary>
/// Drawing and moving features with Leaflet-Geoman in Edit mode, with real mouse actions, checked against the API: the
/// saved geometry is where the pointer put it, and the history names the change. Each test removes what it wrote.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GeomanEditingTests(BrowserFixture browser)
{
    /// <summary>An empty stretch of the Syrian desert (no record drawn within the view at zoom 11).</summary>
    private const double Lat = 34.9, Lng = 39.3;
    private const string View = "/#date=2020-08-25&z=11&c=34.9000,39.3000";

    /// <summary>The size of one screen pixel in degrees at zoom 11: the tolerance of a position put by the mouse.</summary>
    private static readonly double Pixel = 360 / (256 * Math.Pow(2, 11));

    /// <summary>The first point, walking out from the map's centre, where only the map itself is under the pointer.</summary>
    private const string EmptySpot = """
        () => {
          const map = document.getElementById('map'), box = map.getBoundingClientRect();
          for (let r = 0; r < Math.min(box.width, box.height) / 2 - 20; r += 15)
            for (let a = 0; a < 360; a += 30) {
              const x = box.width / 2 + r * Math.cos(a * Math.PI / 180), y = box.height / 2 + r * Math.sin(a * Math.PI / 180);
              const hit = document.elementFromPoint(box.left + x, box.top + y);
              if (hit && map.contains(hit) && !hit.closest('.leaflet-interactive, .leaflet-control, .leaflet-marker-icon')) return [x, y];
            }
          return [NaN, NaN];
        }
        """;

    [Fact]
    public async Task APointDrawnInEditModeAndSavedWithItsSourceIsInTheLayer()
    {
        var key = await browser.EditorKeyAsync("geoman draw");
        var name = $"Drawn outpost {Guid.NewGuid():N}"[..22];
        string? id = null;
        // Only the layer drawn into is shown: areas and lines of the others would take the click.
        var others = (await browser.PresenceCollectionsAsync()).Where(c => c != "bases");
        var map = await browser.OpenMapAsync($"{View}&off={string.Join(',', others)}");
        try
        {
            await map.StartEditingAsync(key);
            await map.Page.SelectOptionAsync("#edit-new-layer", "bases");
            await map.Page.ClickAsync("#draw-point");

            // An empty spot of the map near its centre: no symbol, area or line there (a click on one would select it).
            var spot = await map.Page.EvaluateAsync<double[]>(EmptySpot);
            var (x, y) = (spot[0], spot[1]);
            Assert.True(double.IsFinite(x), "no empty spot in the view");
            var box = (await map.Page.Locator("#map").BoundingBoxAsync())!;
            var (pageX, pageY) = ((float)(box.X + x), (float)(box.Y + y));
            await map.Page.Mouse.MoveAsync(pageX - 50, pageY - 50);
            await map.Page.Mouse.MoveAsync(pageX, pageY, new() { Steps = 5 });
            await map.Page.Mouse.ClickAsync(pageX, pageY);
            var placed = await map.LatLngAtAsync(x, y);

            var form = map.Page.Locator("#edit-form");
            await form.WaitForAsync();
            await map.Page.FillAsync("#edit-name", name);
            await map.Page.SelectOptionAsync("#edit-actor", "russia");
            await map.Page.FillAsync("#edit-kind", "outpost");
            await map.Page.FillAsync("#edit-validFrom", "2020-02-01");
            await map.FillProvenanceAsync("https://example.org/drawn-outpost", "2020-02-03", "seen on the report's satellite image");
            var created = map.Page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.Contains("/collections/bases/items"));
            await map.Page.ClickAsync("#edit-save");
            var response = await created;
            Assert.Equal(201, response.Status);
            id = Uri.UnescapeDataString((await response.HeaderValueAsync("location"))!.Split('/')[^1]);
            await map.Page.Locator("#edit-status:has-text('Saved')").WaitForAsync();

            var saved = (await browser.Api.GetFromJsonAsync<JsonObject>($"/collections/bases/items/{Uri.EscapeDataString(id)}"))!;
            Assert.Equal("Point", (string?)saved["geometry"]!["type"]);
            var coordinates = saved["geometry"]!["coordinates"]!.AsArray().Select(c => (double)c!).ToArray();
            Assert.InRange(coordinates[0], placed.Lng - Pixel, placed.Lng + Pixel);
            Assert.InRange(coordinates[1], placed.Lat - Pixel, placed.Lat + Pixel);
            Assert.Equal(name, (string?)saved["properties"]!["name"]);
            Assert.Equal("russia", (string?)saved["properties"]!["actor"]);
            Assert.Equal("https://example.org/drawn-outpost", (string?)saved["properties"]!["sources"]![0]!["url"]);
            var history = await History(id);
            Assert.Equal(["created"], history.Select(v => (string)v!["change"]!));
            Assert.Equal("seen on the report's satellite image", (string?)history[0]!["comment"]);
            // The page, told by its own save, draws the new record.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!await map.IsDrawnAsync(id) && DateTime.UtcNow < deadline) await Task.Delay(100);
            Assert.True(await map.IsDrawnAsync(id), $"{id} is not drawn after its save");
            Assert.Empty(map.ConsoleErrors);
        }
        finally
        {
            await map.CloseAsync();
            if (id is not null) await browser.DeleteFeatureAsync("bases", id, key);
        }
    }

    [Fact]
    public async Task AMarkerDraggedInEditModeAndSavedMovesTheFeatureAndItsHistorySaysSo()
    {
        var key = await browser.EditorKeyAsync("geoman move");
        var id = $"geoman-move-{Guid.NewGuid():N}"[..24];
        await Create(id, key);
        var map = await browser.OpenMapAsync($"{View}&sel={id}");
        try
        {
            await map.StartEditingAsync(key);
            await map.Page.Locator("#edit-form").WaitForAsync();
            // The editable copy of the record: Leaflet's own marker (an img), above the map's symbols (divs).
            var handle = map.Page.Locator("#map .leaflet-marker-pane img.leaflet-marker-icon");
            Assert.Equal(1, await handle.CountAsync());
            var box = (await handle.BoundingBoxAsync())!;
            var mapBox = (await map.Page.Locator("#map").BoundingBoxAsync())!;
            var before = await map.Page.EvaluateAsync<double[]>(
                "([lat, lng]) => { const p = window.presenceMap.latLngToContainerPoint([lat, lng]); return [p.x, p.y]; }", new[] { Lat, Lng });
            var (dx, dy) = (90, -60);
            var (grabX, grabY) = (box.X + box.Width / 2, box.Y + box.Height / 2);
            await map.Page.Mouse.MoveAsync(grabX, grabY);
            await map.Page.Mouse.DownAsync();
            await map.Page.Mouse.MoveAsync(grabX + dx / 3f, grabY + dy / 3f, new() { Steps = 5 });
            await map.Page.Mouse.MoveAsync(grabX + dx, grabY + dy, new() { Steps = 10 });
            await map.Page.Mouse.UpAsync();
            Assert.True(mapBox.Width > before[0] + dx && before[1] + dy > 0, "the drop point lies outside the map");
            var expected = await map.LatLngAtAsync(before[0] + dx, before[1] + dy);

            await map.FillProvenanceAsync("https://example.org/moved", "2021-05-01", "the report places it further north-east");
            var replaced = map.Page.WaitForResponseAsync(r => r.Request.Method == "PUT" && r.Url.Contains(id, StringComparison.Ordinal));
            await map.Page.ClickAsync("#edit-save");
            Assert.Equal(204, (await replaced).Status);
            // The editor says Saved once the map and the form show the saved record; the history is opened after that.
            await map.Page.Locator("#edit-status:has-text('Saved')").WaitForAsync();

            var saved = (await browser.Api.GetFromJsonAsync<JsonObject>($"/collections/bases/items/{id}"))!;
            var coordinates = saved["geometry"]!["coordinates"]!.AsArray().Select(c => (double)c!).ToArray();
            Assert.InRange(coordinates[0], expected.Lng - Pixel, expected.Lng + Pixel);
            Assert.InRange(coordinates[1], expected.Lat - Pixel, expected.Lat + Pixel);
            // East by 90 pixels, north by 60 (a pixel spans fewer degrees of latitude than of longitude, by cos(latitude)).
            Assert.True(coordinates[0] > Lng + 80 * Pixel && coordinates[1] > Lat + 40 * Pixel, $"not moved: {coordinates[0]}, {coordinates[1]}");

            var history = await History(id);
            Assert.Equal(["created", "changed"], history.Select(v => (string)v!["change"]!));
            var change = history[1]!;
            Assert.Contains("geometry", change["differences"]!.AsArray().Select(d => (string)d!["member"]!));
            Assert.Equal("the report places it further north-east", (string?)change["comment"]);
            Assert.Equal(Lng, (double)change["differences"]!.AsArray().First(d => (string)d!["member"]! == "geometry")!["from"]!["coordinates"]![0]!);

            // The history panel shows it as a move, in the user's words.
            await map.Page.ClickAsync("#edit-history");
            var latest = map.Page.Locator("#edit-history-list li.version").First;
            await latest.WaitForAsync();
            Assert.Contains("geometry: moved or reshaped", await latest.InnerTextAsync());
            Assert.Empty(map.ConsoleErrors);
        }
        finally
        {
            await map.CloseAsync();
            await browser.DeleteFeatureAsync("bases", id, key);
        }
    }

    private async Task Create(string id, string key)
    {
        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = id,
            ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(Lng, Lat) },
            ["properties"] = new JsonObject
            {
                ["name"] = "Outpost to move", ["nameAr"] = "نقطة للنقل", ["actor"] = "russia", ["kind"] = "outpost", ["validFrom"] = "2020-01-01",
                ["confidence"] = 0.5,
                ["sources"] = new JsonArray(new JsonObject { ["title"] = "Report", ["url"] = "https://example.org/outpost", ["published"] = "2020-01-02" }),
            },
        };
        using var post = new HttpRequestMessage(HttpMethod.Post, "/collections/bases/items")
        {
            Content = new StringContent(feature.ToJsonString(), System.Text.Encoding.UTF8, "application/geo+json"),
        };
        post.Headers.Authorization = new("Bearer", key);
        post.Headers.Add("Map-Comment", "a record for the move test");
        using var response = await browser.Api.SendAsync(post);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonArray> History(string id) =>
        (await browser.Api.GetFromJsonAsync<JsonObject>($"/collections/bases/items/{Uri.EscapeDataString(id)}/history"))!["versions"]!.AsArray();
}
