using System.Text.Json;
using Map.Data.Model;
using Map.Import;
using Map.Import.Mapping;
using Map.Import.Validation;

namespace Map.Web.Imports;

/// <summary>The upload's form fields, named like the CLI options in camelCase (layer, mode, validFromField …), as an <see cref="ImportRequest"/>.</summary>
public static class UploadForm
{
    public static ImportRequest ToRequest(Upload upload, ImportsOptions options)
    {
        string? Field(string name) => upload.Fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
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
            InputPath = upload.Path,
            DisplayName = upload.FileName,
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
