using Map.Web.Collections;
using Map.Web.Http;
using Map.Web.Ogc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Map.Web.Landing;

/// <summary>
/// The landing page. Its HTML representation is the map itself (wwwroot/index.html, what browsers ask for); its JSON
/// representation (f=json or Accept: application/json) links to the API description, conformance and collections.
/// </summary>
public static class LandingApi
{
    public static RouteHandlerBuilder MapLandingApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/", GetLandingPage).WithName("getLandingPage").WithTags("Capabilities")
            .WithSummary("Landing page: the map (HTML) or links to the API (JSON)")
            .AddEndpointFilter(KnownParameters.Items).RequireCors(HttpRegistration.ReadCorsPolicy);

    public static Results<Ok<LandingDocument>, ContentHttpResult, PhysicalFileHttpResult> GetLandingPage(
        [AsParameters] FormatParameter format, HttpContext http, IWebHostEnvironment environment)
    {
        var request = http.Request;
        http.Response.Headers.Append("Vary", "Accept");
        var document = new LandingDocument(
            "Force presence in Syria",
            "Who was present where in Syria, and when: presence layers as OGC API – Features collections.",
            [
                .. CollectionLinks.SelfAndAlternate(request, MediaTypes.Json, "This document"),
                new(CollectionLinks.Absolute(request, "/api"), LinkRelations.ServiceDesc, MediaTypes.OpenApi, "The API definition (OpenAPI 3.0)"),
                new(CollectionLinks.Absolute(request, "/api/reference"), LinkRelations.ServiceDoc, MediaTypes.Html, "The API reference"),
                new(CollectionLinks.Absolute(request, "/conformance"), LinkRelations.Conformance, MediaTypes.Json, "Conformance classes"),
                new(CollectionLinks.Absolute(request, "/collections"), LinkRelations.Data, MediaTypes.Json, "The collections"),
                new(CollectionLinks.Absolute(request, "/tileMatrixSets"), LinkRelations.TilingSchemes, MediaTypes.Json, "Tile matrix sets of the vector tiles"),
            ]);
        if (Negotiation.Format(request) == OutputFormat.Json) return TypedResults.Ok(document);
        if (request.Query.ContainsKey(QueryParameters.Format))
            return Html.ResourcePages.Landing(request, document.Title, document.Description, document.Links);
        var map = environment.WebRootFileProvider.GetFileInfo("index.html");
        return TypedResults.PhysicalFile(map.PhysicalPath!, "text/html; charset=utf-8");
    }
}

public sealed record LandingDocument(string Title, string Description, IReadOnlyList<Link> Links);
