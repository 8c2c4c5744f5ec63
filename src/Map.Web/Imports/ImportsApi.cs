using Map.Data.Keys;
using Map.Data.Model;
using Map.Import;
using Map.Web.Hosting;
using Map.Web.Keys;
using Map.Web.Replication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Map.Web.Imports;

/// <summary>
/// Shapefile upload: POST a zip as multipart/form-data and it goes through the same <see cref="ImportService"/> as
/// `map import`. Every route needs an importer or admin key (<see cref="KeyFilter"/>); reading the map stays public.
/// </summary>
public static class ImportsApi
{
    public static RouteGroupBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/imports").WithTags("Imports").RequireKey(KeyRole.Importer, "map-imports").WritesToPrimary();
        group.MapPost("/", Upload).DisableAntiforgery().WithName("UploadShapefile");
        group.MapGet("/{id:guid}", Status).WithName("ImportStatus");
        return group;
    }

    /// <summary>201 with the report; 200 for a dry run; 202 + Location for an upload large enough to run as a job.</summary>
    public static async Task<Results<Created<ImportReport>, Ok<ImportReport>, Accepted<ImportJob>, ProblemHttpResult>> Upload(
        HttpRequest request, IOptionsSnapshot<ImportsOptions> options, ImportService imports, CancellationToken ct)
    {
        var settings = options.Value;
        Upload upload;
        try
        {
            upload = await UploadReader.ReadAsync(request, settings.MaxUploadBytes, fields => UploadForm.CheckBeforeFile(fields, settings), ct);
        }
        catch (ImportException e)
        {
            return ImportProblems.InvalidForm(e);
        }
        catch (UploadException e)
        {
            return ImportProblems.Problem(e.Status, e.Code, e.Status switch
            {
                StatusCodes.Status413PayloadTooLarge => "Upload too large",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                _ => "Bad upload",
            }, e.Message);
        }

        ImportRequest importRequest;
        try
        {
            importRequest = UploadForm.ToRequest(upload, settings, KeyFilter.Holder(request.HttpContext).Name);
        }
        catch (ImportException e)
        {
            upload.Dispose();
            return ImportProblems.InvalidForm(e);
        }

        if (upload.Length > settings.SynchronousLimitBytes && !importRequest.DryRun)
        {
            ImportReport queued;
            using (upload) queued = await imports.EnqueueAsync(importRequest, ct);
            if (queued.Error is not null) return WithRetryAfter(request.HttpContext, ImportProblems.NotImported(queued));
            var location = $"/imports/{queued.ImportId}";
            return TypedResults.Accepted(location, new ImportJob(queued.ImportId, queued.Status, location));
        }

        using (upload)
        {
            var report = await imports.RunAsync(importRequest, null, ct);
            if (report.Error is not null) return WithRetryAfter(request.HttpContext, ImportProblems.NotImported(report));
            return report.DryRun ? TypedResults.Ok(report) : TypedResults.Created($"/imports/{report.ImportId}", report);
        }
    }

    /// <summary>A 503 (database unavailable, layer busy) says when to retry, as every other 503 of the API does.</summary>
    private static ProblemHttpResult WithRetryAfter(HttpContext http, ProblemHttpResult problem)
    {
        if (problem.StatusCode == StatusCodes.Status503ServiceUnavailable)
            http.Response.Headers.RetryAfter = http.RequestServices.GetRequiredService<IOptions<DatabaseOptions>>().Value
                .RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problem;
    }

    /// <summary>The import's report: status queued, running, succeeded or failed (with the error and problems), from any instance.</summary>
    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> Status(Guid id, ImportService imports, CancellationToken ct) =>
        await imports.ReportAsync(id, ct) is { } report
            ? TypedResults.Ok(report)
            : ImportProblems.Problem(StatusCodes.Status404NotFound, ImportProblems.ImportNotFound, "Not found", $"There is no import {id}.");
}

/// <summary>The answer to an upload that runs as a job: poll <see cref="StatusUrl"/> until the status is no longer running.</summary>
public sealed record ImportJob(
    Guid ImportId,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<ImportStatus>))] ImportStatus Status,
    string StatusUrl);
