using System.Globalization;
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

    /// <summary>
    /// What the view holds, asked of the API independently of the page: every presence layer's items in the map's
    /// current bounds on that date.
    /// </summary>
    private async Task<string[]> IdsInViewFromTheApiAsync(MapPage map, string date)
    {
        var bbox = string.Join(',', (await map.ViewBoundsAsync()).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        return (await browser.FeaturesAsync($"bbox={bbox}&datetime={date}")).Select(f => (string)f["id"]!).Order().ToArray();
    }

    [Fact]
    public async Task GeoJsonExportHoldsExactlyTheFeaturesInTheView()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var (name, bytes) = await DownloadAsync(map, "GeoJSON of the view");
        Assert.Equal("map-2020-08-25.geojson", name);
        var json = JsonNode.Parse(bytes)!.AsObject();
        Assert.Equal("FeatureCollection", (string?)json["type"]);
        var features = json["features"]!.AsArray();
        var ids = features.Select(f => (string)f!["id"]!).Order().ToArray();

        var expected = await IdsInViewFromTheApiAsync(map, "2020-08-25");
        Assert.Contains("russia-qamishli-airport", expected);
        Assert.DoesNotContain("russia-hmeimim-air-base", expected); // on the coast, off screen
        Assert.Equal(expected, ids);
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
    public async Task CsvExportStartsWithABomAndHasOneRowPerFeatureInTheView()
    {
        var map = await browser.OpenMapAsync("/#date=2020-08-25");
        var (name, bytes) = await DownloadAsync(map, "CSV of the view");
        Assert.Equal("map-2020-08-25.csv", name);
        // UTF-8 with a byte-order mark, so spreadsheet programs read the Arabic names.
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = Csv.Parse(new UTF8Encoding(false).GetString(bytes[3..]));
        Assert.Equal(["id", "layer", "name", "nameAr", "actor", "kind", "validFrom", "validTo"], rows[0][..8]);
        Assert.All(rows, row => Assert.Equal(rows[0].Length, row.Length));

        var qamishli = Assert.Single(rows, row => row[0] == "russia-qamishli-airport");
        Assert.Equal("مطار القامشلي (روسيا)", qamishli[3]);
        Assert.Equal(await IdsInViewFromTheApiAsync(map, "2020-08-25"), rows[1..].Select(row => row[0]).Order().ToArray());
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

/// <summary>An RFC 4180 reader: quoted cells may hold commas, quotes (doubled) and line breaks.</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') cell.Append(text[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else cell.Append(c);
        }
        Assert.False(quoted, "the CSV ends inside a quoted cell");
        Assert.True(cell.Length == 0 && row.Count == 0, "the last CSV row does not end with CRLF");
        return rows;
    }
}
