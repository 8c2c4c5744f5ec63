using Map.Web.Items;

namespace Map.Web.Ogc;

/// <summary>Refuses query parameters an endpoint does not define, naming the first unknown one (a typo never silently widens a query).</summary>
public sealed class KnownParameters(IReadOnlySet<string> names) : IEndpointFilter
{
    public static readonly KnownParameters FormatOnly = new(new HashSet<string> { QueryParameters.Format });

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var name in context.HttpContext.Request.Query.Keys)
            if (!names.Contains(name))
                throw new InvalidParameterException(name, $"Unknown query parameter '{name}'. Accepted here: {string.Join(", ", names.Order())}.");
        return next(context);
    }
}
