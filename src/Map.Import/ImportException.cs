namespace Map.Import;

/// <summary>
/// An import that cannot go ahead, with a stable <see cref="Code"/> (see <see cref="ImportErrors"/>). Inside the service
/// it ends the import (the report then carries the code and message); doors that parse options throw it too. Its
/// message may name options as <see cref="ImportOption"/> tokens: show it through <see cref="ImportOption.Spell"/>.
/// Nothing has been written when this is thrown.
/// </summary>
public sealed class ImportException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>Every way an import can end without importing; README "Importing shapefiles" lists them with their messages.</summary>
public static class ImportErrors
{
    public const string InputNotFound = "input-not-found";
    public const string NoShapefile = "no-shapefile";
    public const string SeveralShapefiles = "several-shapefiles";
    public const string ShpMissing = "shp-missing";
    public const string ShxMissing = "shx-missing";
    public const string DbfMissing = "dbf-missing";
    public const string ShpInvalid = "shp-invalid";
    public const string ShpTruncated = "shp-truncated";
    public const string ShxInvalid = "shx-invalid";
    public const string DbfInvalid = "dbf-invalid";
    public const string RecordCountMismatch = "record-count-mismatch";
    public const string PrjMissing = "prj-missing";
    public const string PrjUnreadable = "prj-unreadable";
    public const string CrsUnsupported = "crs-unsupported";
    public const string EncodingUnknown = "encoding-unknown";
    public const string EncodingMismatch = "encoding-mismatch";
    public const string NotAZip = "not-a-zip";
    public const string ZipUnsafePath = "zip-unsafe-path";
    public const string ZipTooLarge = "zip-too-large";
    public const string InvalidOption = "invalid-option";
    public const string MappingFileInvalid = "mapping-file-invalid";
    public const string UnknownField = "unknown-field";
    public const string InvalidRecords = "invalid-records";
    public const string DuplicateFeatureId = "duplicate-feature-id";
    public const string LayerIsBasemap = "layer-is-basemap";
    public const string GeometryKindMismatch = "geometry-kind-mismatch";
    public const string LayerBusy = "layer-busy";
    public const string DatabaseUnavailable = "database-unavailable";
    public const string DatabaseRefused = "database-refused";
    public const string Cancelled = "cancelled";
    /// <summary>A queued job whose workers stopped (killed, restarted, disconnected) before it finished, as many times as allowed.</summary>
    public const string WorkerLost = "worker-lost";
    /// <summary>An import that no job held (the command line's) whose process ended before it finished: recorded by the next import.</summary>
    public const string Interrupted = "interrupted";
    /// <summary>A queued job that ran longer than Map:Imports:JobTimeoutMinutes.</summary>
    public const string TimedOut = "timed-out";
    public const string InternalError = "internal-error";
}
