using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Map.Web.Hosting;
using Map.Web.Ogc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Map.Web.OpenApi;

/// <summary>
/// /api: the OpenAPI 3.0 document generated from the endpoints (every parameter of the [AsParameters] records),
/// with OGC parameter schemas (limit bounds, bbox as numbers, enumerations) that clients such as GDAL read; and
/// /api/reference: a self-contained page that renders it (nothing is loaded from anywhere else).
/// </summary>
public static class OpenApiRegistration
{
    public const string DocumentPath = "/api";

    public static IServiceCollection AddMapOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Force presence in Syria — OGC API – Features",
                    Version = "1.0",
                    Description = "Presence layers (bases, patrols, zones, encounters) as OGC API – Features collections: " +
                                  "GeoJSON, CQL2 filtering, CRS choice, keyset paging. See the README for examples.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(ParameterSchemas.Apply);
            options.AddDocumentTransformer(UploadDocumentation.Apply);
            options.AddDocumentTransformer(EditDocumentation.Apply);
        });

    public static IEndpointRouteBuilder MapMapOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DocumentPath).RequireCors(Http.HttpRegistration.ReadCorsPolicy).Add(AsOpenApiMediaType);
        routes.MapGet(DocumentPath + "/reference", ReferencePage).ExcludeFromDescription();
        return routes;
    }

    /// <summary>The document as application/vnd.oai.openapi+json;version=3.0, the type OGC API – Features names for service-desc.</summary>
    private static void AsOpenApiMediaType(EndpointBuilder endpoint)
    {
        var write = endpoint.RequestDelegate!;
        endpoint.RequestDelegate = context =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status200OK) context.Response.ContentType = MediaTypes.OpenApi;
                return Task.CompletedTask;
            });
            return write(context);
        };
    }

    /// <summary>The API reference page (its inline script and style are allowed by hash in the Content-Security-Policy).</summary>
    public static string ReferenceHtml => Reference.Value;

    private static readonly Lazy<string> Reference = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Map.Web.OpenApi.reference.html")!;
        return new StreamReader(stream).ReadToEnd();
    });

    private static ContentHttpResult ReferencePage() => TypedResults.Content(Reference.Value, "text/html; charset=utf-8");
}

/// <summary>Schemas for the OGC query parameters, which are bound as text so that the API (not the binder) words the 400s.</summary>
internal static class ParameterSchemas
{
    public static Task Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var options = context.ApplicationServices.GetRequiredService<IOptions<MapOptions>>().Value;
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.In != ParameterLocation.Query) continue;
            if (string.IsNullOrEmpty(parameter.Description) && Descriptions.TryGetValue(parameter.Name!, out var description))
                parameter.Description = description;
            if (Schema(parameter.Name!, options) is not { } schema) continue;
            parameter.Schema = schema;
            if (schema.Type == JsonSchemaType.Array)
            {
                parameter.Style = ParameterStyle.Form;
                parameter.Explode = false;
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// From the [Description] of the parameter records' properties. (The generator itself fails on [Description]
    /// placed on record constructor parameters, and does not read it from the properties.)
    /// </summary>
    private static readonly Dictionary<string, string> Descriptions = new[] { typeof(Items.ItemsRequest), typeof(Tiles.TilesRequest), typeof(FormatParameter) }
        .SelectMany(type => type.GetProperties())
        .Select(property => (Name: QueryName(property), Description: property.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description))
        .Where(p => p.Description is not null)
        .DistinctBy(p => p.Name)
        .ToDictionary(p => p.Name, p => p.Description!);

    private static string QueryName(PropertyInfo property) =>
        property.DeclaringType!.GetConstructors()[0].GetParameters().Single(p => p.Name == property.Name)
            .GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromQueryAttribute>()!.Name!;

    private static OpenApiSchema? Schema(string name, MapOptions options) => name switch
    {
        QueryParameters.Limit => new()
        {
            Type = JsonSchemaType.Integer, Minimum = "1", Maximum = options.MaxLimit.ToString(CultureInfo.InvariantCulture),
            Default = JsonValue.Create(options.DefaultLimit),
        },
        QueryParameters.Offset => new() { Type = JsonSchemaType.Integer, Minimum = "0", Default = JsonValue.Create(0) },
        QueryParameters.Bbox => new() { Type = JsonSchemaType.Array, MinItems = 4, MaxItems = 6, Items = new OpenApiSchema { Type = JsonSchemaType.Number } },
        QueryParameters.Crs or QueryParameters.BboxCrs or QueryParameters.FilterCrs => Enumeration(Crs.CrsParameters.SupportedUris, "uri"),
        QueryParameters.Properties or QueryParameters.SortBy or "actor" or "kind" =>
            new() { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        QueryParameters.FilterLang => Enumeration(Filtering.FilterParameter.Languages),
        QueryParameters.Format => Enumeration(["json", "html"]),
        "confidence" => new() { Type = JsonSchemaType.Number, Minimum = "0", Maximum = "1" },
        "approximate" => new() { Type = JsonSchemaType.Boolean },
        "datePrecision" => Enumeration(["day", "month", "year"]),
        _ => null,
    };

    private static OpenApiSchema Enumeration(IEnumerable<string> values, string? format = null) => new()
    {
        Type = JsonSchemaType.String,
        Format = format,
        Enum = values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList(),
    };
}
