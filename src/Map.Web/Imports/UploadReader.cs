using Map.Import;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Map.Web.Imports;

/// <summary>An uploaded zip saved to a private temporary folder, with the form fields that came with it.</summary>
public sealed class Upload(string folder, string path, string fileName, long length, Dictionary<string, string> fields) : IDisposable
{
    public string Folder { get; } = folder;
    public string Path { get; } = path;
    public string FileName { get; } = fileName;
    public long Length { get; } = length;
    public Dictionary<string, string> Fields { get; } = fields;

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>Thrown while reading an upload; becomes a 413 or 415 problem.</summary>
public sealed class UploadException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
}

/// <summary>
/// Streams a multipart/form-data upload to disk (never into memory), counting bytes against the limit as they arrive,
/// because Content-Length can be absent (chunked) or wrong.
/// </summary>
public static class UploadReader
{
    private const int MaxFieldLength = 64 * 1024;
    private static readonly HashSet<string> ZipTypes = new(StringComparer.OrdinalIgnoreCase)
        { "application/zip", "application/x-zip-compressed", "application/x-zip", "application/octet-stream", "multipart/x-zip" };

    /// <param name="beforeFile">Sees the form fields sent before the file, before a byte of the file is read; throws to refuse.</param>
    public static async Task<Upload> ReadAsync(
        HttpRequest request, long maxBytes, Action<IReadOnlyDictionary<string, string>> beforeFile, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Length == 0)
            throw new UploadException(StatusCodes.Status415UnsupportedMediaType, ImportProblems.UnsupportedMediaType,
                $"Send the shapefile as a zip in a multipart/form-data body (field 'file'); got '{request.ContentType ?? "no content type"}'.");
        if (request.ContentLength > maxBytes) throw TooLarge(maxBytes);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + 1024 * 1024;

        var folder = ImportWorkFolders.Create(ImportWorkFolders.Upload).FullName;
        try
        {
            var reader = new MultipartReader(HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!, request.Body);
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? path = null, fileName = null;
            long total = 0;
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (path is not null || name != "file") continue;
                    beforeFile(fields);
                    if (section.ContentType is { } partType && MediaTypeHeaderValue.TryParse(partType, out var media)
                        && !ZipTypes.Contains(media.MediaType.Value!))
                        throw new UploadException(StatusCodes.Status415UnsupportedMediaType, ImportProblems.UnsupportedMediaType,
                            $"The file must be a zip (application/zip); got '{partType}'.");
                    var givenName = disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName;
                    fileName = System.IO.Path.GetFileName(HeaderUtilities.RemoveQuotes(givenName).Value ?? "upload.zip");
                    // Saved under its own name (messages quote it), always as a .zip: uploads are read as zips.
                    var safe = string.Concat(fileName.Where(c => !System.IO.Path.GetInvalidFileNameChars().Contains(c)));
                    path = System.IO.Path.Combine(folder, safe.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? safe : safe + ".zip");
                    await using var file = File.Create(path);
                    total += await CopyLimitedAsync(section.Body, file, maxBytes - total, maxBytes, ct);
                }
                else
                {
                    using var text = new StreamReader(section.Body);
                    var buffer = new char[MaxFieldLength + 1];
                    var read = await text.ReadBlockAsync(buffer, ct);
                    if (read > MaxFieldLength)
                        throw new UploadException(StatusCodes.Status413PayloadTooLarge, ImportProblems.UploadTooLarge, $"The form field '{name}' is too long.");
                    fields[name] = new string(buffer, 0, read);
                }
            }
            if (path is null)
                throw new UploadException(StatusCodes.Status400BadRequest, ImportProblems.MissingFile,
                    "The form has no file part named 'file' holding the zip.");
            return new Upload(folder, path, fileName!, total, fields);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Directory.Delete(folder, true);
            throw TooLarge(maxBytes);
        }
        catch
        {
            Directory.Delete(folder, true);
            throw;
        }
    }

    private static async Task<long> CopyLimitedAsync(Stream input, Stream output, long remaining, long maxBytes, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, ct)) > 0)
        {
            copied += read;
            if (copied > remaining) throw TooLarge(maxBytes);
            await output.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return copied;
    }

    private static UploadException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, ImportProblems.UploadTooLarge,
            $"The upload is larger than the limit of {maxBytes:N0} bytes (Map:Imports:MaxUploadBytes).");
}
