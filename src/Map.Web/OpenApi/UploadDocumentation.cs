using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Map.Web.OpenApi;

/// <summary>
/// What the generator cannot see of the upload (src/Map.Web/Imports): its API-key security schemes, the multipart
/// form it reads by hand, and the problems it answers (401, 400, 413, 415, 422; 404 for an unknown import).
/// </summary>
internal static class UploadDocumentation
{
    internal const string ApiKey = "apiKey";
    internal const string Bearer = "bearer";

    /// <summary>The form fields besides the file, as in the README's upload section.</summary>
    private static readonly string[] FormFields =
    [
        "layer", "mode", "dryRun", "encoding", "sourceCrs", "shapefile", "invalidGeometries", "invalidRecords", "idField", "nameField",
        "nameArField", "actorField", "kindField", "validFromField", "validToField", "confidenceField", "sourceField", "actor", "kind",
        "validFrom", "validTo", "confidence", "source", "mapping",
    ];

    public static Task Apply(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
            Description = "An API key made by ./map keys (importer: uploads; editor: writes; admin: both), or an upload key of " +
                          "Map:Imports:ApiKeyHashes (./map hash-key); the server stores only its SHA-256 hash.",
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The same key as 'Authorization: Bearer <key>'.",
        };

        foreach (var (path, item) in document.Paths.Where(p => p.Key.StartsWith("/imports", StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operation.Security =
                [
                    new() { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] },
                    new() { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
                ];
                operation.Responses ??= [];
                Add(operation, document, "401", "No upload key, or not a valid one (code unauthorized).");
                if (method == HttpMethod.Post)
                {
                    operation.Summary ??= "Import a zipped shapefile into a layer, all or nothing";
                    operation.RequestBody = Form();
                    Add(operation, document, "400", "No file part, or the file or an option refused (code missing-file and the import codes).");
                    Add(operation, document, "413", "Larger than Map:Imports:MaxUploadBytes (code upload-too-large).");
                    Add(operation, document, "415", "Not multipart/form-data (code unsupported-media-type).");
                    Add(operation, document, "422", "Records that cannot be imported (invalid-records, duplicate-feature-id); report lists them.");
                }
                else
                {
                    operation.Summary ??= "The status and report of an import";
                    Add(operation, document, "404", "There is no such import (code import-not-found).");
                }
            }
        }
        return Task.CompletedTask;
    }

    internal static void Add(OpenApiOperation operation, OpenApiDocument document, string status, string description) =>
        operation.Responses![status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
            },
        };

    private static OpenApiRequestBody Form()
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The zip holding the shapefile." },
        };
        foreach (var field in FormFields) properties[field] = new OpenApiSchema { Type = JsonSchemaType.String };
        return new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Required = new HashSet<string> { "file", "layer" }, Properties = properties },
                },
            },
        };
    }
}
