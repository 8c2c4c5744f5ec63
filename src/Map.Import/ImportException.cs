namespace Map.Import;

/// <summary>
/// An import that cannot go ahead, with a stable <see cref="Code"/> (see <see cref="ImportErrors"/>) that the CLI prints
/// and the upload endpoint returns as the problem-details code. Nothing has been written when this is thrown.
/// </summary>
public sealed class ImportException(string code, string message, ImportReport? report = null) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The report so far, when records were read before the import was refused (e.g. invalid records).</summary>
    public ImportReport? Report { get; } = report;
}

/// <summary>Every way an import can be refused; README "Importing shapefiles" lists them with their messages.</summary>
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
}
