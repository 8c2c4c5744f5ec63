using Microsoft.Playwright;
using Npgsql;

namespace Map.BrowserTests;

/// <summary>Open-ended records not confirmed for a year look unconfirmed; the events window shows recent encounters.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HonestTimeTests(BrowserFixture browser)
{
    [Fact]
    public async Task ARecordWithOnlyOldSourcesIsDrawnUnconfirmedTodayAndTheLegendAndDetailsSaySo()
    {
        // The dataset keeps every open record confirmed within the year (its own check), so this test brings its own:
        // open since 2019, its only source from 2019, in the default view.
        await ExecuteAsync("""
            INSERT INTO features (id, layer_id, actor_id, name, kind, geometry, valid_from, date_precision, confidence, approximate,
                                  sources, last_confirmed, properties, created_at, updated_at)
            VALUES ('test-stale-post', 'dense-test', 'russia', 'Stale test post', 'outpost', ST_SetSRID(ST_MakePoint(39.0, 36.3), 4326),
                    '2019-01-01', 'Day', 0.9, false,
                    '[{"title": "Test source", "url": "https://example.org/stale", "published": "2019-01-01"}]', '2019-01-01', '{}', now(), now());
            UPDATE layers SET updated_at = now() WHERE id = 'dense-test';
            """);
        try
        {
            var map = await browser.OpenMapAsync("/");
            Assert.True(await map.Page.Locator(".today-badge").IsVisibleAsync());
            var hollow = map.Page.Locator(".leaflet-marker-icon.symbol.unconfirmed[data-feature='test-stale-post']");
            await hollow.WaitForAsync();
            var legend = map.Page.Locator("#legend-panel [data-legend='unconfirmed']");
            Assert.Contains("unconfirmed", await legend.InnerTextAsync());
            await map.ScreenshotAsync("unconfirmed");

            await hollow.ClickAsync();
            await map.Details.Locator("h2").WaitForAsync();
            var note = map.Details.Locator(".unconfirmed-note");
            Assert.Contains("Unconfirmed since", await note.InnerTextAsync());
            Assert.Contains("Last confirmed", await map.Details.InnerTextAsync());
            await map.CloseAsync();
        }
        finally
        {
            await ExecuteAsync("DELETE FROM features WHERE id = 'test-stale-post'; UPDATE layers SET updated_at = now() WHERE id = 'dense-test';");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(browser.App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task TheLast30DaysOn10September2020ShowTheCollisionOf25AugustNamingTheUsAndRussia()
    {
        var map = await browser.OpenMapAsync("/#date=2020-09-10");
        const string collision = "enc-2020-08-25-dayrik-collision";
        Assert.DoesNotContain(collision, await map.DrawnFeatureIdsAsync());

        await map.Page.GetByLabel("Events").SelectOptionAsync("30");
        await map.WaitForViewAsync("2020-09-10");
        Assert.Contains("ev=30", map.Page.Url);
        Assert.Contains(collision, await map.DrawnFeatureIdsAsync());

        await map.ClickSymbolAsync(collision);
        var parties = await map.Details.Locator(".parties").InnerTextAsync();
        Assert.Contains("US-led coalition", parties);
        Assert.Contains("Russia", parties);
        Assert.Contains("16 days before 2020-09-10", await map.Details.InnerTextAsync());
        Assert.Contains("Split colours", await map.Page.Locator("#legend-panel").InnerTextAsync());
        await map.ScreenshotAsync("events-window");
        await map.CloseAsync();
    }

    [Fact]
    public async Task DatesAreWrittenOneWayEverywhere()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25&sel=russia-qamishli-airport");
        await map.Details.Locator("h2").WaitForAsync();
        Assert.Equal("2020-08-25", await map.Page.Locator("#date-input").InputValueAsync());
        Assert.Matches(@"\d{4}-\d{2}-\d{2}", await map.Details.Locator("dd").Nth(2).InnerTextAsync());
        Assert.DoesNotMatch(@"\d{1,2}/\d{1,2}/\d{4}|January|February|March|April|May|June|July|August|September|October|November|December",
            await map.Details.InnerTextAsync());
        await map.CloseAsync();
    }
}
