using Microsoft.Playwright;

namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SearchTests(BrowserFixture browser)
{
    [Fact]
    public async Task SearchFindsAnArabicNameTypedWithDiacriticsAndOpensItWithTheKeyboard()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var search = map.Page.GetByRole(AriaRole.Combobox, new() { Name = "Search by name" });
        // "قاعدة التنف" typed with vowel marks and a ta marbuta written as ha.
        await search.FillAsync("قَاعِدَه التَّنف");
        var results = map.Page.GetByRole(AriaRole.Listbox);
        await results.GetByRole(AriaRole.Option).First.WaitForAsync();
        Assert.Contains("Al-Tanf", await results.InnerTextAsync());

        await search.PressAsync("ArrowDown");
        await search.PressAsync("ArrowUp");
        await search.PressAsync("Enter");

        await map.Details.Locator("h2").WaitForAsync();
        Assert.Contains("Al-Tanf", await map.Details.Locator("h2").InnerTextAsync());
        Assert.Contains("التنف", await map.Details.InnerTextAsync());
        Assert.Contains("sel=", map.Page.Url);
        await map.CloseAsync();
    }

    [Fact]
    public async Task SearchIgnoresAlefFormsAndFindsFeaturesOfOtherDates()
    {
        // 'Imam Ali' base (2020-09-02 – 2024-12-06), written الإمام; searched with a bare alef on a date before it.
        var map = await browser.OpenMapAsync("/#date=2019-06-01");
        var search = map.Page.GetByRole(AriaRole.Combobox, new() { Name = "Search by name" });
        await search.FillAsync("الامام علي");
        var option = map.Page.GetByRole(AriaRole.Option).First;
        await option.WaitForAsync();
        Assert.Contains("Imam Ali", await option.InnerTextAsync());
        await search.PressAsync("Enter");

        await map.Page.Locator("#details[data-feature='iran-backed-albukamal-imam-ali']").WaitForAsync();
        await map.WaitForViewAsync("2020-09-02");
        Assert.True(await map.IsDrawnAsync("iran-backed-albukamal-imam-ali"), "iran-backed-albukamal-imam-ali is not drawn");
        await map.CloseAsync();
    }

    [Fact]
    public async Task SearchFindsTownsOfTheBasemapByEnglishName()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var search = map.Page.GetByRole(AriaRole.Combobox, new() { Name = "Search by name" });
        await search.FillAsync("deir ez");
        var options = map.Page.GetByRole(AriaRole.Option);
        await options.First.WaitForAsync();
        var first = await options.First.InnerTextAsync();
        Assert.Contains("Deir ez-Zor", first);
        Assert.Contains("town", first);
        await map.CloseAsync();
    }

    [Theory]
    [InlineData("Kamishli")]
    [InlineData("Qamishly")]
    public async Task TransliteratedSpellingsFindQamishli(string typed)
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var search = map.Page.GetByRole(AriaRole.Combobox, new() { Name = "Search by name" });
        await search.FillAsync(typed);
        var first = map.Page.GetByRole(AriaRole.Option).First;
        await first.WaitForAsync();
        Assert.StartsWith("Qamishli", await first.InnerTextAsync());
        Assert.Contains("town", await first.InnerTextAsync());
        Assert.DoesNotContain(map.RequestedUrls, url => url.Contains("/collections/bases/items?limit", StringComparison.Ordinal) && !url.Contains("datetime"));
        await map.ScreenshotAsync($"search-{typed.ToLowerInvariant()}");

        await search.PressAsync("Enter");
        var (lat, lng, zoom) = await map.ViewAsync();
        // Qamishli's town point is 37.0522 N, 41.2314 E.
        Assert.InRange(lat, 37.0, 37.1);
        Assert.InRange(lng, 41.18, 41.28);
        Assert.Equal(10, zoom);
        await map.CloseAsync();
    }

    [Fact]
    public async Task TallTamrFindsTalTamr()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        await map.Page.GetByRole(AriaRole.Combobox, new() { Name = "Search by name" }).FillAsync("Tall Tamr");
        var options = map.Page.GetByRole(AriaRole.Option);
        await options.First.WaitForAsync();
        Assert.StartsWith("Tal Tamr", await options.First.InnerTextAsync());
        await map.CloseAsync();
    }
}
