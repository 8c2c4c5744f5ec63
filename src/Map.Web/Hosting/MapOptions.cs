using System.ComponentModel.DataAnnotations;

namespace Map.Web.Hosting;

/// <summary>The "Map" configuration section; every key is documented in appsettings.json and the README.</summary>
public sealed class MapOptions
{
    public const string Section = "Map";

    /// <summary>Folder of the seed files; empty means the geodata/ folder of the repository.</summary>
    public string GeodataPath { get; set; } = "";

    /// <summary>Folder of the static map page; empty means the wwwroot/ folder of the repository.</summary>
    public string WebRootPath { get; set; } = "";

    public bool MigrateOnStart { get; set; } = true;
    public bool SeedOnStart { get; set; } = true;

    [Range(1, 100_000)]
    public int DefaultLimit { get; set; } = 100;

    [Range(1, 1_000_000)]
    public int MaxLimit { get; set; } = 10_000;

    /// <summary>An open-ended record whose newest source is older than this many months is drawn as unconfirmed.</summary>
    [Range(1, 240)]
    public int UnconfirmedAfterMonths { get; set; } = 12;
}
