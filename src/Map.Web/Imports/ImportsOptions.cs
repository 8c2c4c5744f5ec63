using System.ComponentModel.DataAnnotations;
using Map.Import;

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

    /// <summary>How long a worker's claim on a job lasts without renewal: a job whose worker died is taken up again after this.</summary>
    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>Claims of one job (the first included) before a job whose workers keep dying is failed (worker-lost).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How often an idle worker looks for jobs queued by other instances (its own instance's wake it at once).</summary>
    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 2;

    /// <summary>The longest one run of a job may take before it is stopped and failed (timed-out).</summary>
    [Range(1, 7 * 24 * 60)]
    public int JobTimeoutMinutes { get; set; } = 60;

    public ImportQueueOptions Queue => new()
    {
        Lease = TimeSpan.FromSeconds(LeaseSeconds),
        MaxAttempts = MaxAttempts,
        PollInterval = TimeSpan.FromSeconds(PollSeconds),
        JobTimeout = TimeSpan.FromMinutes(JobTimeoutMinutes),
    };
}
