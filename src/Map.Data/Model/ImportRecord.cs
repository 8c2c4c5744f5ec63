using System.Text.Json.Nodes;

namespace Map.Data.Model;

/// <summary>
/// One run of the shapefile import (CLI or upload): what was read, where it went and how it ended. Written when the
/// import starts (Running; Queued first for an upload that runs as a job) and finished in the same transaction as
/// its features (Succeeded), or marked Failed after its transaction was rolled back. Features it wrote carry its
/// <see cref="Id"/> in <see cref="Feature.ImportId"/>.
/// </summary>
public class ImportRecord
{
    public Guid Id { get; set; }
    /// <summary>The file as the user named or uploaded it (a .shp, a folder or a .zip).</summary>
    public required string FileName { get; set; }
    /// <summary>Not a foreign key: a failed import may name a layer that its rollback never created.</summary>
    public required string LayerId { get; set; }
    public ImportMode Mode { get; set; }
    public ImportStatus Status { get; set; }
    public int RecordsRead { get; set; }
    public int FeaturesImported { get; set; }
    public int FeaturesRemoved { get; set; }
    public int ProblemCount { get; set; }
    public string? SourceCrs { get; set; }
    public string? Encoding { get; set; }
    /// <summary>The full import report (counts, mapping, problems by record, error), as the CLI prints and the API returns it.</summary>
    public JsonObject Report { get; set; } = [];
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

public enum ImportMode { Append, Replace }

/// <summary>Queued: an upload waiting for a worker (import_jobs); Running, then Succeeded or Failed.</summary>
public enum ImportStatus { Running, Succeeded, Failed, Queued }
