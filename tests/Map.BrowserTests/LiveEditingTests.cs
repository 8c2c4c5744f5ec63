using Map.Data.Keys;
using Microsoft.Playwright;

namespace Map.BrowserTests;

/// <summary>Editing in the map with an editor key: a save in one page reaches another open page live, and the history shows it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveEditingTests(BrowserFixture browser)
{
    private const string Feature = "russia-qamishli-airport";

    [Fact]
    public async Task AnEditSavedInOnePageAppearsInAnotherWithin2SecondsAndItsHistoryShowsTheSource()
    {
        await using var dataSource = Map.Data.MapDataRegistration.CreateDataSource(browser.App.Database.ConnectionString);
        var key = await new ApiKeyService(dataSource).AddAsync($"browser editor {Guid.NewGuid():N}"[..30], KeyRole.Editor);
        var original = await browser.NameOfAsync(Feature);
        var edited = original + " (edited)";

        var seeded = await browser.FeatureAsync(Feature);
        try
        {
            await EditInOnePageAndWatchTheOther(key, original, edited);
        }
        finally
        {
            await PutBack(seeded, key);
        }
    }

    /// <summary>The seeded record back as it was, whatever the test got to, so the other browser tests find it.</summary>
    private async Task PutBack(System.Text.Json.Nodes.JsonObject seeded, string key)
    {
        using var current = await browser.Api.GetAsync($"/collections/bases/items/{Feature}");
        var now = System.Text.Json.Nodes.JsonNode.Parse(await current.Content.ReadAsStringAsync())!;
        if (now["properties"]!["name"]!.ToJsonString() == seeded["properties"]!["name"]!.ToJsonString()) return;
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/collections/bases/items/{Feature}")
        {
            Content = new StringContent(seeded.ToJsonString(), System.Text.Encoding.UTF8, "application/geo+json"),
        };
        put.Headers.Authorization = new("Bearer", key);
        put.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
        put.Headers.Add("Map-Comment", "test clean-up");
        using var response = await browser.Api.SendAsync(put);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task EditInOnePageAndWatchTheOther(string key, string original, string edited)
    {
        var reader = await browser.OpenMapAsync($"/#date=2020-08-25&sel={Feature}");
        var editor = await browser.OpenMapAsync("/#date=2020-08-25");
        await reader.Page.WaitForFunctionAsync("document.body.dataset.live === 'open'");
        await editor.HideForceAsync("bases", "syrian-government");
        await editor.ClickFeatureAsync(Feature);

        await editor.Page.ClickAsync("#edit-toggle");
        await editor.Page.FillAsync("#editor-key", key);
        await editor.Page.ClickAsync(".key-dialog button[value=ok]");
        var form = editor.Page.Locator("#edit-form");
        await form.WaitForAsync();
        await editor.Page.FillAsync("#edit-name", edited);
        await editor.Page.FillAsync("#edit-sourceUrl", "https://example.org/qamishli-correction");
        await editor.Page.FillAsync("#edit-sourcePublished", "2026-11-29");
        await editor.Page.FillAsync("#edit-sourceTitle", "Correction report");
        await editor.Page.FillAsync("#edit-comment", "name as the report gives it");
        var saved = editor.Page.WaitForResponseAsync(r => r.Request.Method == "PUT" && r.Url.Contains(Feature, StringComparison.Ordinal));
        await editor.Page.ClickAsync("#edit-save");
        Assert.Equal(204, (await saved).Status);
        // The editor says so once the map and its form show the saved record (the form is rendered once, after the save).
        await editor.Page.Locator("#edit-status:has-text('Saved')").WaitForAsync();
        Assert.Contains(edited, await form.Locator("h2").InnerTextAsync());

        // The other page learns of it from the change feed and redraws the record, without a reload.
        try
        {
            await reader.Page.WaitForFunctionAsync(
                "name => document.querySelector('#details h2')?.textContent.includes(name)", edited, new() { Timeout = 2000 });
        }
        catch (TimeoutException)
        {
            var seen = await reader.Page.EvaluateAsync<string>(
                "() => `live=${document.body.dataset.live} title=${document.querySelector('#details h2')?.textContent}`");
            Assert.Fail($"The reader did not show the edit within 2 s: {seen}; errors: {string.Join(" | ", reader.ConsoleErrors)}");
        }

        await editor.Page.ClickAsync("#edit-history");
        var history = editor.Page.Locator("#edit-history-list");
        await history.Locator("li.version-changed").First.WaitForAsync();
        var latest = history.Locator("li.version").First;
        Assert.Contains("name as the report gives it", await latest.InnerTextAsync());
        Assert.Contains($"{original} → {edited}", await latest.InnerTextAsync());
        Assert.Equal("https://example.org/qamishli-correction", await latest.Locator(".sources a").GetAttributeAsync("href"));
        await editor.ScreenshotAsync("editing-history");

        // Restore puts the seeded version back (an ordinary edit), and the reader follows again.
        await editor.Page.FillAsync("#edit-comment", "restored for the other tests");
        await history.Locator("button.restore").First.ClickAsync();
        await reader.Page.WaitForFunctionAsync(
            "name => document.querySelector('#details h2')?.textContent.trim() === name", original, new() { Timeout = 5000 });
        Assert.Empty(editor.ConsoleErrors);
        Assert.Empty(reader.ConsoleErrors);
        await editor.CloseAsync();
        await reader.CloseAsync();
    }
}
