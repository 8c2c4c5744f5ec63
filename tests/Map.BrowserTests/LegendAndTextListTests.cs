namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class LegendAndTextListTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheLegendExplainsEveryForceAndKindOnTheMapInPlainWords()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var legend = await map.Page.Locator("#legend-panel").InnerTextAsync();
        foreach (var words in new[] { "Russia", "US-led coalition", "Turkey", "Air base", "Base", "Outpost", "Observation post",
                     "Encounter (meeting, collision, stand-off)", "Zone or area", "Line", "Dashed outline: approximate position" })
            Assert.Contains(words, legend);
        Assert.DoesNotContain("Syrian transitional authorities", legend); // they exist only from December 2024
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheTextListNamesWhatIsOnTheMapAndOpensIt()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        await map.Page.Locator("#text-list summary").ClickAsync();
        var list = map.Page.Locator("#text-list");
        await list.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Qamishli airport (Russian aviation group)" }).ClickAsync();
        await map.Page.Locator("#details[data-feature='russia-qamishli-airport']").WaitForAsync();
        Assert.DoesNotContain("Hmeimim", await list.InnerTextAsync()); // off screen
        await map.CloseAsync();
    }
}
