namespace Map.Web.Problems;

/// <summary>Stable codes in every problem-details body (the "code" member), for clients to switch on.</summary>
public static class ProblemCodes
{
    public const string InvalidParameter = "invalid-parameter";
    public const string CollectionNotFound = "collection-not-found";
    public const string FeatureNotFound = "feature-not-found";
    public const string TileNotFound = "tile-not-found";
    public const string TileMatrixSetNotFound = "tile-matrix-set-not-found";
    public const string NotFound = "not-found";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string ServerError = "server-error";
}
