using Map.Data.Model;
using Map.Import.Mapping;
using Map.Import.Validation;
using Map.Import.Writing;

namespace Map.Import;

public enum InvalidRecordPolicy
{
    /// <summary>Any record that cannot be imported fails the whole import (nothing is written); all of them are listed.</summary>
    Fail,
    /// <summary>Records that cannot be imported are left out and listed; the others are imported.</summary>
    Skip,
}

/// <summary>Everything one import needs to know; the CLI and the upload endpoint both build one of these.</summary>
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
    public CopyStrategy CopyStrategy { get; init; } = CopyStrategy.Direct;
    /// <summary>Set by the upload endpoint, which records the import before its job starts.</summary>
    public Guid? ImportId { get; init; }
}

/// <summary>Reported every few thousand records, for progress bars.</summary>
public readonly record struct ImportProgress(int Done, int Total);
