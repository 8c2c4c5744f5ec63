using System.Text.Json;
using System.Text.Json.Nodes;
using Map.Data.Editing;
using Map.Data.Keys;
using Map.Data.Model;
using Map.Web.Keys;
using Map.Web.Ogc;
using Map.Web.Problems;
using Map.Web.Replication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Map.Web.Editing;

/// <summary>
/// OGC API – Features Part 4 on presence collections: POST a feature, PUT (replace) or PATCH (JSON Merge Patch) one,
/// DELETE one. Every route needs an editor or admin key; every write a Map-Comment header and sources (the feature's
/// <c>properties.sources</c>, or Map-Source headers for a deletion); changes of an existing feature need If-Match with
/// the ETag of the version they change. The work is done by <see cref="FeatureEditor"/>.
/// </summary>
public static class EditsApi
{
    public static IServiceCollection AddMapEdits(this IServiceCollection services) => services.AddScoped<FeatureEditor>();

    public static RouteGroupBuilder MapEditsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/collections/{collectionId}/items").WithTags("Edits").RequireKey(KeyRole.Editor, "map-edits")
            .WritesToPrimary();
        group.MapPost("", Create).WithName("createFeature").WithSummary("Add a feature (Part 4)").DisableAntiforgery()
            .Accepts<JsonObject>(MediaTypes.GeoJson, MediaTypes.Json).Produces(StatusCodes.Status201Created).WithEditProblems();
        group.MapPut("/{featureId}", Replace).WithName("replaceFeature").WithSummary("Replace a feature (Part 4)")
            .Accepts<JsonObject>(MediaTypes.GeoJson, MediaTypes.Json).Produces(StatusCodes.Status204NoContent).WithEditProblems();
        group.MapPatch("/{featureId}", Patch).WithName("updateFeature").WithSummary("Change a feature by JSON Merge Patch (Part 4)")
            .Accepts<JsonObject>(MediaTypes.MergePatch, MediaTypes.Json).Produces(StatusCodes.Status204NoContent).WithEditProblems();
        group.MapDelete("/{featureId}", Delete).WithName("deleteFeature").WithSummary("Delete a feature (Part 4)")
            .Produces(StatusCodes.Status204NoContent).WithEditProblems();
        return group;
    }

    public static async Task<Results<Created, ProblemHttpResult>> Create(
        string collectionId, HttpContext http, FeatureEditor editor, CancellationToken ct) =>
        await Run(async () =>
        {
            var body = await ReadObject(http.Request, ct);
            var (id, version) = await editor.CreateAsync(collectionId, body, Provenance(http, null), ct);
            http.Response.Headers.ETag = Tag(version);
            return TypedResults.Created($"/collections/{Uri.EscapeDataString(collectionId)}/items/{Uri.EscapeDataString(id)}");
        });

    public static async Task<Results<NoContent, ProblemHttpResult>> Replace(
        string collectionId, string featureId, HttpContext http, FeatureEditor editor, CancellationToken ct) =>
        await Run(async () =>
        {
            var body = await ReadObject(http.Request, ct);
            var version = await editor.ReplaceAsync(collectionId, featureId, body, ParseIfMatch(http.Request), Provenance(http, null), ct);
            http.Response.Headers.ETag = Tag(version);
            return TypedResults.NoContent();
        });

    public static async Task<Results<NoContent, ProblemHttpResult>> Patch(
        string collectionId, string featureId, HttpContext http, FeatureEditor editor, CancellationToken ct) =>
        await Run(async () =>
        {
            var patch = await ReadObject(http.Request, ct);
            var version = await editor.PatchAsync(collectionId, featureId, patch, ParseIfMatch(http.Request), Provenance(http, null), ct);
            http.Response.Headers.ETag = Tag(version);
            return TypedResults.NoContent();
        });

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string collectionId, string featureId, HttpContext http, FeatureEditor editor, CancellationToken ct) =>
        await Run(async () =>
        {
            var sources = http.Request.Headers[HeaderNames.Source].Select(ParseSource).ToList();
            await editor.DeleteAsync(collectionId, featureId, ParseIfMatch(http.Request), Provenance(http, sources), ct);
            return TypedResults.NoContent();
        });

    /// <summary>The ETag of a version as writes return it; a GET of the feature adds "-&lt;hash&gt;" per representation.</summary>
    public static string Tag(FeatureVersion version) => $"\"{version}\"";

    /// <summary>If-Match: <c>*</c>, or ETags whose version part (before any <c>-</c>) names a version; null when absent.</summary>
    public static IfMatch? ParseIfMatch(HttpRequest request)
    {
        var values = request.Headers.IfMatch.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (values.Count == 0) return null;
        if (values.Contains("*")) return new IfMatch(true, []);
        var versions = new List<FeatureVersion>();
        foreach (var value in values)
        {
            var tag = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
            tag = tag.Trim('"');
            var dash = tag.IndexOf('-', StringComparison.Ordinal);
            if (FeatureVersion.TryParse(dash < 0 ? tag : tag[..dash], out var version)) versions.Add(version);
        }
        return new IfMatch(false, versions);
    }

    private static Provenance Provenance(HttpContext http, IReadOnlyList<Source>? deletionSources)
    {
        var comment = http.Request.Headers[HeaderNames.Comment].FirstOrDefault();
        return new(KeyFilter.Holder(http).Name, comment is null ? null : Uri.UnescapeDataString(comment), deletionSources);
    }

    /// <summary>"&lt;url&gt; &lt;published&gt; [title]", each part percent-encoded.</summary>
    private static Source ParseSource(string? header)
    {
        var parts = (header ?? "").Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var url = parts.ElementAtOrDefault(0) ?? "";
        return new Source(parts.ElementAtOrDefault(2) ?? url, url, parts.ElementAtOrDefault(1));
    }

    private static async Task<JsonObject> ReadObject(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject
                ?? throw new EditException(EditError.InvalidFeature, "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new EditException(EditError.InvalidFeature, $"The body is not JSON: {e.Message}");
        }
    }

    private static async Task<Results<T, ProblemHttpResult>> Run<T>(Func<Task<T>> write) where T : IResult
    {
        try
        {
            return await write();
        }
        catch (EditException e)
        {
            return EditProblems.From(e);
        }
    }

    private static RouteHandlerBuilder WithEditProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status428PreconditionRequired);
}

/// <summary>A refused write as problem details: status and stable code per <see cref="EditError"/>.</summary>
public static class EditProblems
{
    public static ProblemHttpResult From(EditException e)
    {
        var (status, code) = e.Error switch
        {
            EditError.InvalidFeature => (StatusCodes.Status422UnprocessableEntity, "invalid-feature"),
            EditError.SourceRequired => (StatusCodes.Status422UnprocessableEntity, "source-required"),
            EditError.CommentRequired => (StatusCodes.Status400BadRequest, "comment-required"),
            EditError.CollectionNotFound => (StatusCodes.Status404NotFound, ProblemCodes.CollectionNotFound),
            EditError.FeatureNotFound => (StatusCodes.Status404NotFound, ProblemCodes.FeatureNotFound),
            EditError.NotEditable => (StatusCodes.Status405MethodNotAllowed, "not-editable"),
            EditError.DuplicateId => (StatusCodes.Status409Conflict, "duplicate-feature-id"),
            EditError.PreconditionRequired => (StatusCodes.Status428PreconditionRequired, "precondition-required"),
            EditError.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, "precondition-failed"),
            _ => (StatusCodes.Status400BadRequest, "invalid-write"),
        };
        return TypedResults.Problem(title: "The write was refused", detail: e.Message, statusCode: status, type: ApiProblems.TypeUri(code),
            extensions: new Dictionary<string, object?> { ["code"] = code });
    }
}
