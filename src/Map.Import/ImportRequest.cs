using Map.Data.Model;
using Map.Import.Mapping;
using Map.Import.Validation;

namespace Map.Import;

public enum InvalidRecordPolicy
{
    /// <summary>Any record that cannot be imported fails the whole import (nothing is written); all of them are listed.</summary>
    Fail,
    /// <summary>Records that cannot be imported are left out and listed; the others are imported.</summary>
    Skip,
}

/// <summary>Everything one import needs to know; every door (the CLI, the upload endpoint) builds one of these.</summary>
public sealed record ImportRequest
{
    /// <summary>A .shp, a folder or a .zip.</summary>
    public required string InputPath { get; init; }
    /// <summary>The name to record (the uploaded file's name); defaults to the input's file name.</summary>
    public string? DisplayName { get; init; }
    public required string Layer { get; init; }
    public ImportMode Mode { get; init; } = ImportMode.Append;
    public bool DryRun { get; init; }
    /// <summary>Publish the layer when the import succeeds; otherwise a new layer stays unpublished (off the map and /collections).</summary>
    public bool Publish { get; init; }
    /// <summary>Overrides the .cpg and the DBF language driver.</summary>
    public string? Encoding { get; init; }
    /// <summary>EPSG code; overrides the .prj, and is required when there is none.</summary>
    public string? SourceCrs { get; init; }
    /// <summary>Which shapefile to take from a folder or zip holding several.</summary>
    public string? Shapefile { get; init; }
    public ImportMapping Mapping { get; init; } = new();
    public InvalidGeometryPolicy InvalidGeometries { get; init; } = InvalidGeometryPolicy.Fix;
    public InvalidRecordPolicy InvalidRecords { get; init; } = InvalidRecordPolicy.Fail;
    /// <summary>A zip may not inflate to more than this (zip bombs).</summary>
    public long MaxExtractedBytes { get; init; } = 2L << 30;
    /// <summary>Set when the import was recorded before it ran (queued); otherwise the service makes one.</summary>
    public Guid? ImportId { get; init; }
    /// <summary>
    /// For measurements only (bench/import): an append written this way whatever the sizes (an append to a layer that
    /// does not exist yet is always swapped in). Null: the service chooses (<see cref="ImportPipeline.ChooseMethod"/>).
    /// </summary>
    public LayerWriteMethod? AppendMethod { get; init; }
    /// <summary>Who asked: the API key's name for an upload, "cli (&lt;OS user&gt;)" for `map import`; kept in the report.</summary>
    public string? RequestedBy { get; init; }
    /// <summary>Which claim of its queued job this run is (1 for the first); null for an import that was not queued.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int? Attempt { get; init; }
    /// <summary>How the door that asked names options in messages (--source-crs or sourceCrs).</summary>
    public OptionSpelling Spelling { get; init; } = OptionSpelling.CommandLine;
}

/// <summary>Reported every few thousand records, for progress bars.</summary>
public readonly record struct ImportProgress(int Done, int Total);
