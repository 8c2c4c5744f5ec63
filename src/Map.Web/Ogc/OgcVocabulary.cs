namespace Map.Web.Ogc;

/// <summary>The protocol words of OGC API – Features and RFC 7946 in one place.</summary>
public static class MediaTypes
{
    public const string GeoJson = "application/geo+json";
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";
    public const string Html = "text/html";
}

public static class LinkRelations
{
    public const string Self = "self";
    public const string Alternate = "alternate";
    public const string Items = "items";
    public const string Next = "next";
    public const string Prev = "prev";
    public const string Collection = "collection";
}

public static class QueryParameters
{
    public const string Bbox = "bbox";
    public const string Datetime = "datetime";
    public const string Limit = "limit";
    public const string Offset = "offset";
}
