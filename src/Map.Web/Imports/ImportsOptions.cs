using System.ComponentModel.DataAnnotations;

namespace Map.Web.Imports;

/// <summary>The "Map:Imports" configuration section; every key is documented in appsettings.json and the README.</summary>
public sealed class ImportsOptions
{
    public const string Section = "Map:Imports";

    /// <summary>SHA-256 hashes (hex) of the keys allowed to upload; `./map hash-key` makes them. Empty = uploads refused.</summary>
    public string[] ApiKeyHashes { get; set; } = [];

    /// <summary>Largest accepted upload (the zip as sent).</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 256L << 20;

    /// <summary>Largest total size the zip's shapefile entries may inflate to.</summary>
    [Range(1, long.MaxValue)]
    public long MaxExtractedBytes { get; set; } = 2L << 30;

    /// <summary>Uploads up to this size are imported while the request waits; larger ones run as a job to poll.</summary>
    [Range(0, long.MaxValue)]
    public long SynchronousLimitBytes { get; set; } = 8L << 20;
}
