namespace Map.Web.Items;

/// <summary>A request parameter that cannot be used; becomes a 400 problem naming the parameter.</summary>
public sealed class InvalidParameterException(string parameter, string detail) : Exception(detail)
{
    public string Parameter { get; } = parameter;
}
