using System.Text.Json;
using Map.Data.Model;
using Map.Import;
using Map.Import.Mapping;
using Map.Import.Validation;

namespace Map.Web.Imports;

/// <summary>The upload's form fields, named like the CLI options in camelCase (layer, mode, validFromField …), as an <see cref="ImportRequest"/>.</summary>
public static class UploadForm
{
    public static ImportRequest ToRequest(Upload upload, ImportsOptions options, string requestedBy) =>
        ToRequest(upload.Fields, upload.Path, upload.FileName, options, requestedBy);

    /// <summary>
    /// Checks the fields that came before the file, before it is read: once the layer is known, every field given so far
    /// must be valid and the import service must accept the request (<see cref="ImportService.Check"/>).
    /// </summary>
    /// <exception cref="ImportException">A field, or the request they make, that would be refused anyway.</exception>
    public static void CheckBeforeFile(IReadOnlyDictionary<string, string> fields, ImportsOptions options)
    {
        if (!fields.ContainsKey("layer")) return;
        var request = ToRequest(fields, "", "", options, "");
        if (ImportService.Check(request) is { } refusal) throw new ImportException(refusal.Code, refusal.Message);
    }

    private static ImportRequest ToRequest(
        IReadOnlyDictionary<string, string> fields, string path, string fileName, ImportsOptions options, string requestedBy)
    {
        string? Field(string name) => fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        T Choice<T>(string name, T fallback) where T : struct, Enum =>
            Field(name) is not { } text ? fallback
            : Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value
            : throw new ImportException(ImportErrors.InvalidOption,
                $"{name} '{text}' must be one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");

        var mapping = new ImportMapping();
        if (Field("mapping") is { } json)
        {
            try
            {
                mapping = JsonSerializer.Deserialize<ImportMapping>(json, ImportMappingJson.Options) ?? mapping;
            }
            catch (JsonException e)
            {
                throw new ImportException(ImportErrors.MappingFileInvalid, $"The mapping field is not a valid mapping: {e.Message}");
            }
        }
        mapping = mapping.With(
            new ImportMapping.FieldNames
            {
                Id = Field("idField"), Name = Field("nameField"), NameAr = Field("nameArField"), Actor = Field("actorField"),
                Kind = Field("kindField"), ValidFrom = Field("validFromField"), ValidTo = Field("validToField"),
                Confidence = Field("confidenceField"), Source = Field("sourceField"),
            },
            new ImportMapping.MappingDefaults
            {
                Actor = Field("actor"), Kind = Field("kind"), ValidFrom = Field("validFrom"), ValidTo = Field("validTo"), Source = Field("source"),
                Confidence = ImportMapping.ParseConfidenceOption(Field("confidence"), ImportOption.Confidence),
            });

        return new ImportRequest
        {
            InputPath = path,
            DisplayName = fileName,
            RequestedBy = requestedBy,
            Layer = Field("layer") ?? throw new ImportException(ImportErrors.InvalidOption,
                $"The form field {ImportOption.Layer} (the layer to import into) is required."),
            Mode = Choice("mode", ImportMode.Append),
            DryRun = Field("dryRun") is { } dry && (dry.Equals("true", StringComparison.OrdinalIgnoreCase) || dry == "1"),
            Publish = Field("publish") is { } publish && (publish.Equals("true", StringComparison.OrdinalIgnoreCase) || publish == "1"),
            Encoding = Field("encoding"),
            SourceCrs = Field("sourceCrs"),
            Shapefile = Field("shapefile"),
            Mapping = mapping,
            InvalidGeometries = Choice("invalidGeometries", InvalidGeometryPolicy.Fix),
            InvalidRecords = Choice("invalidRecords", InvalidRecordPolicy.Fail),
            MaxExtractedBytes = options.MaxExtractedBytes,
            Spelling = OptionSpelling.FormField,
        };
    }
}
