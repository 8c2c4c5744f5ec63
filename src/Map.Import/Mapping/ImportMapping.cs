using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Map.Import.Mapping;

/// <summary>
/// Which DBF fields give the model's attributes, and the values to use where a file has no such field. Comes from
/// command-line options, upload form fields or a small JSON mapping file (README "Mapping options"); options win over
/// the file. A model attribute with no field named is looked up among the usual field names (e.g. "name_ar").
/// </summary>
public sealed record ImportMapping
{
    public FieldNames Fields { get; init; } = new();
    public MappingDefaults Defaults { get; init; } = new();

    /// <summary>Field names by model attribute; null = look for the usual names.</summary>
    public sealed record FieldNames
    {
        public string? Id { get; init; }
        public string? Name { get; init; }
        public string? NameAr { get; init; }
        public string? Actor { get; init; }
        public string? Kind { get; init; }
        public string? ValidFrom { get; init; }
        public string? ValidTo { get; init; }
        public string? Confidence { get; init; }
        public string? Source { get; init; }
    }

    /// <summary>Values for records whose field is missing or empty.</summary>
    public sealed record MappingDefaults
    {
        public string? Actor { get; init; }
        public string? Kind { get; init; }
        public string? ValidFrom { get; init; }
        public string? ValidTo { get; init; }
        public double? Confidence { get; init; }
        public string? Source { get; init; }
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ImportMapping FromFile(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ImportMapping>(File.ReadAllText(path), Json)
                ?? throw new JsonException("the file is empty");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ImportException(ImportErrors.MappingFileInvalid, $"The mapping file {Path.GetFileName(path)} cannot be read: {e.Message}");
        }
    }

    /// <summary>This mapping with every option that was given (non-null) put over it.</summary>
    public ImportMapping With(FieldNames fields, MappingDefaults defaults) => new()
    {
        Fields = new FieldNames
        {
            Id = fields.Id ?? Fields.Id, Name = fields.Name ?? Fields.Name, NameAr = fields.NameAr ?? Fields.NameAr,
            Actor = fields.Actor ?? Fields.Actor, Kind = fields.Kind ?? Fields.Kind, ValidFrom = fields.ValidFrom ?? Fields.ValidFrom,
            ValidTo = fields.ValidTo ?? Fields.ValidTo, Confidence = fields.Confidence ?? Fields.Confidence, Source = fields.Source ?? Fields.Source,
        },
        Defaults = new MappingDefaults
        {
            Actor = defaults.Actor ?? Defaults.Actor, Kind = defaults.Kind ?? Defaults.Kind,
            ValidFrom = defaults.ValidFrom ?? Defaults.ValidFrom, ValidTo = defaults.ValidTo ?? Defaults.ValidTo,
            Confidence = defaults.Confidence ?? Defaults.Confidence, Source = defaults.Source ?? Defaults.Source,
        },
    };

    public static double? ParseConfidenceOption(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return ValueParsing.TryConfidence(text, out var value, out var reason)
            ? value : throw new ImportException(ImportErrors.InvalidOption, $"{option} '{text}': {reason}.");
    }
}

/// <summary>The JSON options of mapping files, for hosts that take a mapping as text (the upload's "mapping" field).</summary>
public static class ImportMappingJson
{
    public static JsonSerializerOptions Options => ImportMapping.Json;
}
