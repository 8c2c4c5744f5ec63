using Map.Web.Problems;

namespace Map.Web.Items;

/// <summary>A request parameter that cannot be used; becomes a 400 problem naming the parameter, with <see cref="Code"/>.</summary>
public sealed class InvalidParameterException(string parameter, string detail, string code = ProblemCodes.InvalidParameter) : Exception(detail)
{
    public string Parameter { get; } = parameter;
    public string Code { get; } = code;
}
