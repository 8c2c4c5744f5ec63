using Map.Import;
using Map.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Map.Web.Imports;

/// <summary>Problem details of the import endpoints; codes are those of <see cref="ImportErrors"/> plus the HTTP ones here.</summary>
public static class ImportProblems
{
    public const string Unauthorized = "unauthorized";
    public const string UploadTooLarge = "upload-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string MissingFile = "missing-file";
    public const string ImportNotFound = "import-not-found";

    public static ProblemHttpResult Problem(int status, string code, string title, string detail, ImportReport? report = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (report is not null) extensions["report"] = report;
        return TypedResults.Problem(title: title, detail: detail, statusCode: status, type: ApiProblems.TypeUri(code), extensions: extensions);
    }

    /// <summary>
    /// An import that did not happen: 422 when the file was read but its records cannot go into the layer, 503 when
    /// the database could not be reached, 500 for the service's own failure, else 400. The body carries the report.
    /// </summary>
    public static ProblemHttpResult NotImported(ImportReport report)
    {
        var error = report.Error!;
        var status = error.Code switch
        {
            ImportErrors.InvalidRecords or ImportErrors.DuplicateFeatureId or ImportErrors.GeometryKindMismatch => StatusCodes.Status422UnprocessableEntity,
            ImportErrors.DatabaseUnavailable or ImportErrors.LayerBusy => StatusCodes.Status503ServiceUnavailable,
            ImportErrors.DatabaseRefused or ImportErrors.InternalError or ImportErrors.Cancelled => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status400BadRequest,
        };
        return Problem(status, error.Code, "The import was refused", error.Message, report);
    }

    /// <summary>An option of the form that cannot be read (before any import starts).</summary>
    public static ProblemHttpResult InvalidForm(ImportException e) =>
        Problem(StatusCodes.Status400BadRequest, e.Code, "The import was refused", ImportOption.Spell(e.Message, OptionSpelling.FormField));
}
