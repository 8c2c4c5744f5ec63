using System.Text.Json.Nodes;
using Map.Testing;
using Microsoft.Playwright;

namespace Map.BrowserTests.Security;

/// <summary>
/// The app on a real port with data an attacker wrote: the fixture geodata with markup in every name a page shows
/// (a feature, its notes and sources, an actor, a region, a layer title, a basemap town) and a record whose cells
/// a spreadsheet would read as formulas. One Chromium, and pages that record every CSP violation.
/// </summary>
public sealed class HostileDataFixture : IAsyncLifetime
{
    public const string Markup = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1\">";
    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"x\")";

    public MapApplication App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright playwright = null!;
    private string geodata = null!;

    public async Task InitializeAsync()
    {
        geodata = await WriteGeodataAsync();
        App = await MapApplication.StartAsync("hostile", geodata, onRealPort: true);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = BrowserFixture.ChromiumArgs });
    }

    /// <summary>A page that keeps every securitypolicyviolation (window.__violations) from before the first script runs.</summary>
    public async Task<MapPage> OpenAsync(string pathAndQuery, bool waitForMap = true)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
            """);
        var map = new MapPage(page, App.BaseAddress);
        if (waitForMap) await map.GotoAsync(pathAndQuery);
        else await page.GotoAsync(new Uri(App.BaseAddress, pathAndQuery).ToString());
        return map;
    }

    public static async Task<string[]> ViolationsAsync(MapPage map) => await map.Page.EvaluateAsync<string[]>("() => window.__violations");

    private static async Task<string> WriteGeodataAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), $"map-hostile-{Guid.NewGuid():N}");
        CopyDirectory(MapApplication.FixtureGeodata, root);

        var actors = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(root, "actors.json")))!.AsArray();
        actors[0]!["name"] = Markup + " Alpha";
        await File.WriteAllTextAsync(Path.Combine(root, "actors.json"), actors.ToJsonString());

        var layers = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(root, "layers.json")))!.AsArray();
        layers[0]!["title"] = Markup + " Bases";
        await File.WriteAllTextAsync(Path.Combine(root, "layers.json"), layers.ToJsonString());

        var regions = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(root, "regions.geojson")))!;
        regions["features"]![0]!["properties"]!["name"] = Markup + " Northeast";
        await File.WriteAllTextAsync(Path.Combine(root, "regions.geojson"), regions.ToJsonString());

        var bases = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(root, "layers", "bases.geojson")))!;
        var always = bases["features"]!.AsArray().Single(f => (string?)f!["id"] == "always")!["properties"]!;
        always["name"] = Markup;
        always["nameAr"] = Markup + " عربي";
        always["notes"] = Markup + " notes";
        always["sources"] = new JsonArray(new JsonObject { ["title"] = Markup + " source", ["url"] = "javascript:window.__xss=100" });
        var formula = bases["features"]![0]!.DeepClone();
        formula["id"] = "formula";
        formula["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(40.8, 36.6) };
        formula["properties"]!["name"] = Formula;
        formula["properties"]!["nameAr"] = "+1";
        formula["properties"]!["notes"] = "@SUM(1+1)";
        formula["properties"]!["validFrom"] = "2015-01-01";
        formula["properties"]!.AsObject().Remove("validTo");
        formula["properties"]!.AsObject().Remove("predecessor");
        bases["features"]!.AsArray().Add(formula);
        await File.WriteAllTextAsync(Path.Combine(root, "layers", "bases.geojson"), bases.ToJsonString());

        Directory.CreateDirectory(Path.Combine(root, "basemap"));
        await File.WriteAllTextAsync(Path.Combine(root, "basemap", "layers.json"), """
            [{"id": "basemap-towns", "file": "towns", "title": "Towns", "geometryKind": "point", "displayOrder": 4, "description": "Test towns",
              "style": {"radius": 2.5}, "featureDefaults": {"kind": "town", "validFrom": "1946-04-17", "confidence": 1,
              "sources": [{"title": "test", "url": "https://example.org/"}]}}]
            """);
        var town = new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(new JsonObject
            {
                ["type"] = "Feature", ["id"] = "town-hostile",
                ["properties"] = new JsonObject { ["id"] = "town-hostile", ["name"] = Markup + " Town", ["nameAr"] = Markup },
                ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(40.0, 36.0) },
            }),
        };
        await File.WriteAllTextAsync(Path.Combine(root, "basemap", "towns.geojson"), town.ToJsonString());
        return root;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from)) CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright.Dispose();
        await App.DisposeAsync();
        Directory.Delete(geodata, recursive: true);
    }
}
