using Microsoft.Playwright;

namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ArabicInterfaceTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheArabicInterfaceIsRightToLeftWithArabicStringsAndNames()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25&lang=ar");
        Assert.Equal("rtl", await map.Page.EvaluateAsync<string>("document.documentElement.dir"));
        Assert.Equal("ar", await map.Page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal("rtl", await map.Page.EvaluateAsync<string>("getComputedStyle(document.body).direction"));
        Assert.Equal("خريطة انتشار القوى", await map.Page.Locator("h1").InnerTextAsync());
        Assert.Contains("روسيا", await map.Page.Locator("#legend-panel").InnerTextAsync());

        // The sidebar sits on the right of the map, mirrored from the English layout.
        var sidebar = (await map.Page.Locator("#sidebar").BoundingBoxAsync())!;
        var mapBox = (await map.Page.Locator("#map").BoundingBoxAsync())!;
        Assert.True(sidebar.X > mapBox.X, $"sidebar at x={sidebar.X}, map at x={mapBox.X}");

        await map.HideForceAsync("bases", "syrian-government"); // its enclave is drawn over the Russian symbol, (each names its holder in Arabic too)
        await map.ClickFeatureAsync("russia-qamishli-airport");
        Assert.Equal("مطار القامشلي (روسيا)", await map.Details.Locator("h2").InnerTextAsync());
        Assert.Empty(map.ConsoleErrors);
        await map.ScreenshotAsync("arabic");
        await map.CloseAsync();
    }

    [Fact]
    public async Task TheLanguageSwitchKeepsTheViewAndTurnsTheInterfaceArabic()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        await map.Page.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await map.WaitUntilAsync("() => document.documentElement.dir === 'rtl' && document.body.dataset.ready === 'true'");
        Assert.Contains("lang=ar", map.Page.Url);
        Assert.Equal("2020-08-25", await map.Page.Locator("#date-input").InputValueAsync());
        await map.CloseAsync();
    }

    [Fact]
    public async Task SwitchingToArabicTranslatesTheEditControls()
    {
        var key = await browser.EditorKeyAsync("arabic editor");
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        Assert.Equal("Edit", (await map.Page.Locator("#edit-toggle").InnerTextAsync()).Trim());
        Assert.Equal("As recorded on", (await map.Page.Locator(".recorded-on span").InnerTextAsync()).Trim());

        await map.Page.GetByRole(AriaRole.Button, new() { Name = "العربية" }).ClickAsync();
        await map.WaitUntilAsync("() => document.documentElement.dir === 'rtl' && document.body.dataset.ready === 'true'");
        Assert.Equal("تحرير", (await map.Page.Locator("#edit-toggle").InnerTextAsync()).Trim());
        Assert.Equal("كما سُجّلت في", (await map.Page.Locator(".recorded-on span").InnerTextAsync()).Trim());

        // A record selected first (the sidebar covers part of the map once the editor opens beside it), then Edit mode.
        await map.HideForceAsync("bases", "syrian-government");
        await map.ClickFeatureAsync("russia-qamishli-airport");
        await map.Page.ClickAsync("#edit-toggle");
        var dialog = map.Page.Locator(".key-dialog");
        Assert.Contains("مفتاح المحرر", await dialog.InnerTextAsync());
        Assert.Equal("ابدأ التحرير", (await dialog.Locator("button[value=ok]").InnerTextAsync()).Trim());
        await map.Page.FillAsync("#editor-key", key);
        await map.Page.ClickAsync(".key-dialog button[value=ok]");
        var form = map.Page.Locator("#edit-form");
        await form.WaitForAsync();
        Assert.Equal("تحرير مطار القامشلي (روسيا)", (await form.Locator("h2").InnerTextAsync()).Trim());
        Assert.Equal("مصدر جديد لهذا التعديل", (await form.Locator("legend").InnerTextAsync()).Trim());
        Assert.Equal("حفظ", (await form.Locator("#edit-save").InnerTextAsync()).Trim());
        // No English label is left in the form (its field values are the record's, in either language).
        var labels = await form.Locator("label > span, legend, button").AllInnerTextsAsync();
        Assert.DoesNotContain(labels, label => label.Any(char.IsAsciiLetter));

        // Closing the form leads to the panel for drawing new features.
        await form.GetByRole(AriaRole.Button, new() { Name = "إغلاق" }).ClickAsync();
        var editor = map.Page.Locator("#editor");
        await editor.Locator("#draw-point").WaitForAsync();
        Assert.Equal("وضع التحرير", (await editor.Locator("h2").InnerTextAsync()).Trim());
        Assert.Equal(["نقطة جديدة", "خط جديد", "منطقة جديدة"],
            (await editor.Locator(".edit-actions button").AllInnerTextsAsync()).Select(text => text.Trim()));
        Assert.Equal("وضع التحرير", await editor.GetAttributeAsync("aria-label"));
        Assert.Empty(map.ConsoleErrors);
        await map.ScreenshotAsync("arabic-editing");
        await map.CloseAsync();
    }
}
