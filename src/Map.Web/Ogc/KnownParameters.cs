using Map.Web.Items;

namespace Map.Web.Ogc;

/// <summary>Refuses query parameters an endpoint does not define, naming the first unknown one (a typo never silently widens a query).</summary>
public sealed class KnownParameters(IReadOnlySet<string> names) : IEndpointFilter
{
    /// <summary>
    /// The items parameters, for every OGC resource: only f (and, on a feature, crs and properties) mean anything on
    /// the others, which ignore the rest, because GDAL appends the query of an OAPIF: URL
    /// (OAPIF:…/collections/bases?datetime=2020-01-01) to every request it makes, and other clients carry them along.
    /// </summary>
    public static readonly KnownParameters Items = new(ItemsRequest.Names);

    /// <summary>Resources outside OGC API – Features (the tile matrix sets), which GDAL's OAPIF driver never asks for.</summary>
    public static readonly KnownParameters FormatOnly = new(new HashSet<string>(StringComparer.Ordinal) { QueryParameters.Format });

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var name in context.HttpContext.Request.Query.Keys)
            if (!names.Contains(name))
                throw new InvalidParameterException(name, $"Unknown query parameter '{name}'. Accepted here: {string.Join(", ", names.Order())}.");
        return next(context);
    }
}
