using System.ComponentModel.DataAnnotations;
using Map.Web.ClientConfig;

namespace Map.UnitTests.ClientConfig;

public sealed class BasemapOptionsTests
{
    private static string[] Errors(BasemapOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToArray();
    }

    [Fact]
    public void NoOnlineTilesIsTheValidDefault()
    {
        var options = new BasemapOptions();
        Assert.Empty(Errors(options));
        Assert.Null(ClientConfigDocument.From(options, new Map.Web.Hosting.MapOptions(), null).OnlineTiles);
    }

    [Fact]
    public void AnOnlineTileLayerNeedsItsAttribution()
    {
        var errors = Errors(new BasemapOptions { TileUrl = "https://tile.openstreetmap.org/{z}/{x}/{y}.png" });
        Assert.Contains(errors, e => e.Contains("TileAttribution is required"));
    }

    [Theory]
    [InlineData("tile.openstreetmap.org/{z}/{x}/{y}.png")]
    [InlineData("ftp://tiles.example/{z}/{x}/{y}.png")]
    [InlineData("https://tiles.example/{z}/{x}.png")]
    public void ATileUrlMustBeAnHttpTemplateWithZxy(string url)
    {
        var errors = Errors(new BasemapOptions { TileUrl = url, TileAttribution = "© someone" });
        Assert.Contains(errors, e => e.Contains("TileUrl"));
    }

    [Fact]
    public void AConfiguredTileLayerIsPassedToThePage()
    {
        var options = new BasemapOptions
        {
            TileUrl = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",
            TileAttribution = "© OpenStreetMap contributors",
        };
        Assert.Empty(Errors(options));
        var tiles = ClientConfigDocument.From(options, new Map.Web.Hosting.MapOptions(), null).OnlineTiles!;
        Assert.Equal(options.TileUrl, tiles.Url);
        Assert.Equal("© OpenStreetMap contributors", tiles.Attribution);
        Assert.Equal(19, tiles.MaxZoom);
    }
}
