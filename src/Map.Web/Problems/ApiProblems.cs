using Microsoft.AspNetCore.Http.HttpResults;

namespace Map.Web.Problems;

/// <summary>RFC 9457 problem details with a stable code, built in one place.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult InvalidParameter(string parameter, string detail, string code = ProblemCodes.InvalidParameter) =>
        TypedResults.Problem(
            title: code == ProblemCodes.FunctionNotSupported ? $"Not supported in parameter '{parameter}'" : $"Invalid value for parameter '{parameter}'",
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            type: TypeUri(code),
            extensions: new Dictionary<string, object?> { ["code"] = code, ["parameter"] = parameter });

    public static ProblemHttpResult CollectionNotFound(string collectionId) =>
        NotFound(ProblemCodes.CollectionNotFound, $"There is no collection '{collectionId}'.");

    public static ProblemHttpResult FeatureNotFound(string collectionId, string featureId) =>
        NotFound(ProblemCodes.FeatureNotFound, $"Collection '{collectionId}' has no feature '{featureId}'.");

    public static ProblemHttpResult DatabaseFailure(DatabaseFailure failure, int retryAfterSeconds)
    {
        var (code, detail) = failure == Problems.DatabaseFailure.Unavailable
            ? (ProblemCodes.DatabaseUnavailable, "The database cannot be reached right now.")
            : (ProblemCodes.DatabaseOverloaded, "The database is too busy to answer right now.");
        return TypedResults.Problem(
            title: "Service unavailable",
            detail: $"{detail} Retry in {retryAfterSeconds} s.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: TypeUri(code),
            extensions: new Dictionary<string, object?> { ["code"] = code });
    }

    public static ProblemHttpResult TileMatrixSetNotFound(string tileMatrixSetId) =>
        NotFound(ProblemCodes.TileMatrixSetNotFound, $"There is no tile matrix set '{tileMatrixSetId}'; tiles use WebMercatorQuad.");

    /// <summary>A tile outside the tile matrix set or the tileset's zoom levels (OGC API – Tiles /req/tileset/tc-success D).</summary>
    public static ProblemHttpResult TileNotFound(string detail) => NotFound(ProblemCodes.TileNotFound, detail);

    private static ProblemHttpResult NotFound(string code, string detail) =>
        TypedResults.Problem(
            title: "Not found",
            detail: detail,
            statusCode: StatusCodes.Status404NotFound,
            type: TypeUri(code),
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static string TypeUri(string code) => $"https://map.invalid/problems/{code}";
}
