using System.Text.RegularExpressions;

namespace Map.Import;

/// <summary>How a door names the import's options when it shows the service's messages.</summary>
public enum OptionSpelling
{
    /// <summary>--source-crs, as `map import` takes it.</summary>
    CommandLine,
    /// <summary>sourceCrs, as the upload form (and the mapping file) takes it.</summary>
    FormField,
}

/// <summary>
/// The options as the service's messages name them: one token per option, which the service spells for the door that
/// asked (<see cref="ImportRequest.Spelling"/>) before a message leaves it, so its words belong to no one door.
/// </summary>
public static partial class ImportOption
{
    public const string Layer = "⟨layer⟩";
    public const string Mode = "⟨mode⟩";
    public const string SourceCrs = "⟨source-crs⟩";
    public const string Encoding = "⟨encoding⟩";
    public const string Shapefile = "⟨shapefile⟩";
    public const string InvalidRecords = "⟨invalid-records⟩";
    public const string IdField = "⟨id-field⟩";
    public const string Actor = "⟨actor⟩";
    public const string ValidFrom = "⟨valid-from⟩";
    public const string ValidFromField = "⟨valid-from-field⟩";
    public const string ValidTo = "⟨valid-to⟩";
    public const string Confidence = "⟨confidence⟩";
    public const string ConfidenceField = "⟨confidence-field⟩";

    /// <summary>The text with every option token spelled the door's way.</summary>
    public static string Spell(string text, OptionSpelling spelling) =>
        text.Contains('⟨', StringComparison.Ordinal) ? Token().Replace(text, m => spelling == OptionSpelling.CommandLine
            ? "--" + m.Groups[1].Value
            : CamelCase(m.Groups[1].Value)) : text;

    private static string CamelCase(string kebab) =>
        string.Concat(kebab.Split('-').Select((part, i) => i == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    [GeneratedRegex("⟨([a-z]+(?:-[a-z]+)*)⟩")]
    private static partial Regex Token();
}
