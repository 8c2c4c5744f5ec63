using Map.Import;
using Map.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Map.Web.Imports;

/// <summary>Problem details of the import endpoints; codes are those of <see cref="ImportErrors"/> plus the HTTP ones here.</summary>
public static class ImportProblems
{
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

    /// <summary>A refused import: 422 when the file was read but its records cannot be imported, else 400.</summary>
    public static ProblemHttpResult Refused(ImportException e) => e.Code is ImportErrors.InvalidRecords or ImportErrors.DuplicateFeatureId
        ? Problem(StatusCodes.Status422UnprocessableEntity, e.Code, "The import was refused", e.Message, e.Report)
        : Problem(StatusCodes.Status400BadRequest, e.Code, "The import was refused", e.Message, e.Report);
}
