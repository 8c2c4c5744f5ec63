namespace Map.Web.Problems;

/// <summary>Stable codes in every problem-details body (the "code" member), for clients to switch on.</summary>
public static class ProblemCodes
{
    public const string InvalidParameter = "invalid-parameter";
    /// <summary>A CQL2 function or operator this server knows of but does not implement (T_BEFORE, S_WITHIN, CASEI...).</summary>
    public const string FunctionNotSupported = "function-not-supported";
    public const string CollectionNotFound = "collection-not-found";
    public const string FeatureNotFound = "feature-not-found";
    public const string TileNotFound = "tile-not-found";
    public const string TileMatrixSetNotFound = "tile-matrix-set-not-found";
    public const string NotFound = "not-found";
    public const string ServerError = "server-error";
    public const string DatabaseUnavailable = "database-unavailable";
    public const string DatabaseOverloaded = "database-overloaded";
}
