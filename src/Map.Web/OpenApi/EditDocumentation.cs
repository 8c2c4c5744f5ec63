using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Map.Web.OpenApi;

/// <summary>
/// What the generator cannot see of the Part 4 writes (src/Map.Web/Editing): the key they need, under the same security
/// schemes as the upload (an editor or admin key, as Bearer or X-Api-Key), and what each refusal of the key or of the
/// version means. Runs after <see cref="UploadDocumentation"/>, which defines the schemes.
/// </summary>
internal static class EditDocumentation
{
    /// <summary>The operation ids of Editing/EditsApi.cs.</summary>
    private static readonly HashSet<string> Writes = ["createFeature", "replaceFeature", "updateFeature", "deleteFeature"];

    public static Task Apply(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        foreach (var item in document.Paths.Values)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (operation.OperationId is not { } id || !Writes.Contains(id)) continue;
                operation.Security =
                [
                    new() { [new OpenApiSecuritySchemeReference(UploadDocumentation.ApiKey, document)] = [] },
                    new() { [new OpenApiSecuritySchemeReference(UploadDocumentation.Bearer, document)] = [] },
                ];
                operation.Responses ??= [];
                UploadDocumentation.Add(operation, document, "401",
                    "No key, or not a valid one (code unauthorized); WWW-Authenticate names the realm map-edits.");
                UploadDocumentation.Add(operation, document, "403", "A valid key whose role may not edit: editor or admin is needed (code forbidden).");
                if (method == HttpMethod.Post) continue;
                UploadDocumentation.Add(operation, document, "412",
                    "If-Match names a version that is no longer current: someone changed the feature since; read it again (code precondition-failed).");
                UploadDocumentation.Add(operation, document, "428",
                    "If-Match is missing: a change of an existing feature must name the ETag of the version it changes (code precondition-required).");
            }
        }
        return Task.CompletedTask;
    }
}
