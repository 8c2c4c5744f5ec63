using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Map.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ExportTests(BrowserFixture browser)
{
    private static async Task<(string Name, byte[] Bytes)> DownloadAsync(MapPage map, string buttonName)
    {
        var download = await map.Page.RunAndWaitForDownloadAsync(() =>
            map.Page.GetByRole(AriaRole.Button, new() { Name = buttonName }).ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return (download.SuggestedFilename, memory.ToArray());
    }

    [Fact]
    public async Task GeoJsonExportHoldsTheFeaturesOnScreen()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var (name, bytes) = await DownloadAsync(map, "GeoJSON of the view");
        Assert.Equal("map-2020-08-25.geojson", name);
        var json = JsonNode.Parse(bytes)!.AsObject();
        Assert.Equal("FeatureCollection", (string?)json["type"]);
        var features = json["features"]!.AsArray();
        var ids = features.Select(f => (string)f!["id"]!).ToArray();
        Assert.Contains("russia-qamishli-airport", ids);
        // Off screen (the coast is outside the northeast view) is not exported.
        Assert.DoesNotContain("russia-hmeimim-air-base", ids);
        Assert.All(features, f =>
        {
            Assert.Equal("Feature", (string?)f!["type"]);
            Assert.NotNull(f["geometry"]!["coordinates"]);
            Assert.NotNull(f["properties"]!["validFrom"]);
        });
        Assert.Empty(map.RequestsLeavingLocalhost);
        await map.CloseAsync();
    }

    [Fact]
    public async Task CsvExportHasOneRowPerFeatureWithArabicNames()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var (name, bytes) = await DownloadAsync(map, "CSV of the view");
        Assert.Equal("map-2020-08-25.csv", name);
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\ufeff').TrimEnd().Split("\r\n");
        Assert.StartsWith("id,layer,name,nameAr,actor,kind,validFrom,validTo", lines[0]);
        var qamishli = Assert.Single(lines, l => l.StartsWith("russia-qamishli-airport,", StringComparison.Ordinal));
        Assert.Contains("مطار القامشلي", qamishli);
        var drawn = await map.DrawnFeatureIdsAsync();
        Assert.All(lines[1..], line => Assert.Contains(line.Split(',')[0], drawn));
        await map.CloseAsync();
    }

    [Fact]
    public async Task PngExportIsAnImageWithTheLegendAndTheDate()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var (name, bytes) = await DownloadAsync(map, "Image (PNG) with legend");
        Assert.Equal("map-2020-08-25.png", name);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Contains("As of 2020-08-25", PngText.Read(bytes)["Description"]);
        await File.WriteAllBytesAsync(Path.Combine(BrowserFixture.ArtifactsDirectory, "export.png"), bytes);

        // Decode it in the browser: the footer under the map holds the legend swatch of Russia (#D55E00).
        var mapHeight = await map.Page.EvaluateAsync<int>("() => window.presenceMap.getSize().y");
        var found = await map.Page.EvaluateAsync<bool>("""
            async ([base64, top]) => {
              const image = new Image();
              image.src = 'data:image/png;base64,' + base64;
              await image.decode();
              const canvas = document.createElement('canvas');
              canvas.width = image.width; canvas.height = image.height;
              const ctx = canvas.getContext('2d');
              ctx.drawImage(image, 0, 0);
              const pixels = ctx.getImageData(0, top, image.width, image.height - top).data;
              for (let i = 0; i < pixels.length; i += 4)
                if (pixels[i] === 0xD5 && pixels[i + 1] === 0x5E && pixels[i + 2] === 0x00) return true;
              return false;
            }
            """, new object[] { Convert.ToBase64String(bytes), mapHeight });
        Assert.True(found, "the Russia swatch is not in the legend footer");
        await map.CloseAsync();
    }
}

/// <summary>Reads the iTXt/tEXt chunks of a PNG file.</summary>
internal static class PngText
{
    public static Dictionary<string, string> Read(byte[] png)
    {
        var result = new Dictionary<string, string>();
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type is "iTXt" or "tEXt")
            {
                var zero = data.IndexOf((byte)0);
                var keyword = Encoding.Latin1.GetString(data[..zero]);
                // iTXt: keyword, 0, compression flag, method, language tag 0, translated keyword 0, text.
                var text = type == "tEXt" ? data[(zero + 1)..] : SkipZeros(data[(zero + 3)..], 2);
                result[keyword] = type == "tEXt" ? Encoding.Latin1.GetString(text) : Encoding.UTF8.GetString(text);
            }
            at += 12 + length;
        }
        return result;
    }

    private static ReadOnlySpan<byte> SkipZeros(ReadOnlySpan<byte> data, int fields)
    {
        for (var i = 0; i < fields; i++) data = data[(data.IndexOf((byte)0) + 1)..];
        return data;
    }
}
