using Map.Web.Collections;
using Map.Web.Http;
using Map.Web.Ogc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Map.Web.Conformance;

public static class ConformanceApi
{
    public static RouteHandlerBuilder MapConformanceApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/conformance", GetConformance).WithName("getConformanceDeclaration").WithTags("Capabilities")
            .WithSummary("The conformance classes this server implements")
            .AddEndpointFilter(KnownParameters.Items).RequireCors(HttpRegistration.ReadCorsPolicy);

    public static Results<Ok<ConformanceDocument>, ContentHttpResult> GetConformance([AsParameters] FormatParameter format, HttpContext http)
    {
        var document = new ConformanceDocument(ConformanceClasses.All,
            [.. CollectionLinks.SelfAndAlternate(http.Request, MediaTypes.Json, "Conformance")]);
        return Negotiation.Format(http.Request) == OutputFormat.Json
            ? TypedResults.Ok(document)
            : Html.ResourcePages.Conformance(http.Request, document.ConformsTo);
    }
}

public sealed record ConformanceDocument(IReadOnlyList<string> ConformsTo, IReadOnlyList<Link> Links);
