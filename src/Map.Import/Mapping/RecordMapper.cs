using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Map.Data.Model;
using Map.Import.Reading;
using NetTopologySuite.Geometries;

namespace Map.Import.Mapping;

/// <summary>
/// Turns the attributes of one DBF record into the model's columns, following an <see cref="ImportMapping"/> resolved
/// against the fields the file really has. Every field not mapped goes to the feature's properties under its
/// original name. A record whose actor, dates or confidence cannot be read gets a reason instead of a row.
/// </summary>
public sealed class RecordMapper : IDisposable
{
    /// <summary>Field names looked for when the mapping names none (compared ignoring case).</summary>
    private static readonly Dictionary<string, string[]> UsualNames = new()
    {
        [nameof(ImportMapping.FieldNames.Name)] = ["name", "name_en", "nameen"],
        [nameof(ImportMapping.FieldNames.NameAr)] = ["name_ar", "namear", "name_arab", "arabic", "الاسم"],
        [nameof(ImportMapping.FieldNames.Actor)] = ["actor", "force"],
        [nameof(ImportMapping.FieldNames.Kind)] = ["kind", "type"],
        [nameof(ImportMapping.FieldNames.ValidFrom)] = ["valid_from", "validfrom", "date_from", "start_date", "from_date", "start"],
        [nameof(ImportMapping.FieldNames.ValidTo)] = ["valid_to", "validto", "date_to", "end_date", "to_date", "end"],
        [nameof(ImportMapping.FieldNames.Confidence)] = ["confidence", "conf"],
        [nameof(ImportMapping.FieldNames.Source)] = ["source", "sources", "src", "url"],
    };

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ImportMapping.MappingDefaults defaults;
    private readonly IReadOnlyList<DbfField> fields;
    private readonly IReadOnlyDictionary<string, string> actors;
    private readonly string idPrefix;
    private readonly string fileStem;
    private readonly int id, name, nameAr, actor, kind, validFrom, validTo, confidence, source;
    private readonly bool[] isProperty;
    private readonly HashSet<string>? seenIds;
    private readonly ArrayBufferWriter<byte> buffer = new(1024);
    private readonly Utf8JsonWriter json;
    private readonly DateOnly? defaultFrom, defaultTo;
    private readonly DatePrecision defaultPrecision;

    /// <summary>The ids read from the id field, when one is mapped (to name the ones that already exist).</summary>
    public IReadOnlyCollection<string> IdsFromField => (IReadOnlyCollection<string>?)seenIds ?? [];

    /// <summary>Model attribute → DBF field, as used (for the report).</summary>
    public IReadOnlyDictionary<string, string> UsedFields { get; }

    /// <param name="actors">Actor id, English name and Arabic name → actor id.</param>
    /// <param name="idPrefix">Feature ids are idPrefix + record number unless an id field is mapped.</param>
    public RecordMapper(ImportMapping mapping, IReadOnlyList<DbfField> fields, IReadOnlyDictionary<string, string> actors, string idPrefix, string fileStem)
    {
        this.fields = fields;
        this.actors = actors;
        this.idPrefix = idPrefix;
        this.fileStem = fileStem;
        defaults = mapping.Defaults;
        json = new Utf8JsonWriter(buffer, JsonOptions);
        var used = new Dictionary<string, string>();
        int Find(string attribute, string? named)
        {
            var key = char.ToLowerInvariant(attribute[0]) + attribute[1..];
            int index;
            if (named is not null)
            {
                index = IndexOf(named);
                if (index < 0)
                    throw new ImportException(ImportErrors.UnknownField,
                        $"The {key} field '{named}' is not in the file; its fields are: {string.Join(", ", fields.Select(f => f.Name))}.");
            }
            else
            {
                index = UsualNames.TryGetValue(attribute, out var usual) ? usual.Select(IndexOf).FirstOrDefault(i => i >= 0, -1) : -1;
            }
            if (index >= 0) used[key] = fields[index].Name;
            return index;
        }
        var f = mapping.Fields;
        id = Find(nameof(f.Id), f.Id);
        name = Find(nameof(f.Name), f.Name);
        nameAr = Find(nameof(f.NameAr), f.NameAr);
        actor = Find(nameof(f.Actor), f.Actor);
        kind = Find(nameof(f.Kind), f.Kind);
        validFrom = Find(nameof(f.ValidFrom), f.ValidFrom);
        validTo = Find(nameof(f.ValidTo), f.ValidTo);
        confidence = Find(nameof(f.Confidence), f.Confidence);
        source = Find(nameof(f.Source), f.Source);
        UsedFields = used;
        isProperty = new bool[fields.Count];
        for (var i = 0; i < fields.Count; i++) isProperty[i] = !used.ContainsValue(fields[i].Name);
        if (id >= 0) seenIds = new HashSet<string>(StringComparer.Ordinal);

        if (validFrom < 0 && defaults.ValidFrom is null)
            throw new ImportException(ImportErrors.InvalidOption,
                $"No start date: the file has no valid_from field; name one with {ImportOption.ValidFromField} or give every record the same date with {ImportOption.ValidFrom}.");
        if (confidence < 0 && defaults.Confidence is null)
            throw new ImportException(ImportErrors.InvalidOption,
                $"No confidence: the file has no confidence field; name one with {ImportOption.ConfidenceField} or give every record the same value with {ImportOption.Confidence}.");
        defaultFrom = DefaultDate(defaults.ValidFrom, ImportOption.ValidFrom, out defaultPrecision);
        defaultTo = DefaultDate(defaults.ValidTo, ImportOption.ValidTo, out _);
        if (defaults.Actor is not null && !actors.ContainsKey(defaults.Actor))
            throw new ImportException(ImportErrors.InvalidOption, $"{ImportOption.Actor} '{defaults.Actor}' is not a known actor ({KnownActors()}).");
    }

    private int IndexOf(string fieldName)
    {
        for (var i = 0; i < fields.Count; i++)
            if (string.Equals(fields[i].Name, fieldName, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>Maps the current record of <paramref name="table"/>; false with a reason when it cannot be imported.</summary>
    public bool TryMap(DbfTable table, int recordNumber, Geometry geometry, out FeatureRow row, out string reason)
    {
        row = null!;
        try
        {
            var featureId = id >= 0 ? Text(table, id) : idPrefix + recordNumber.ToString(CultureInfo.InvariantCulture);
            if (string.IsNullOrEmpty(featureId)) return Fail(out reason, $"field '{fields[id].Name}' (the id) is empty");
            if (featureId.Length > 200) return Fail(out reason, $"the id '{featureId[..40]}…' is longer than 200 characters");
            if (seenIds is not null && !seenIds.Add(featureId)) return Fail(out reason, $"the id '{featureId}' is used by an earlier record too");

            var actorText = (actor >= 0 ? Text(table, actor) : null) ?? defaults.Actor;
            string? actorId = null;
            if (actorText is not null && !actors.TryGetValue(actorText, out actorId))
                return Fail(out reason, $"unknown actor '{actorText}' (known: {KnownActors()})");

            DateOnly from;
            var precision = defaultPrecision;
            var fromValue = validFrom >= 0 ? table.Value(validFrom) : null;
            if (fromValue is not null)
            {
                if (!ValueParsing.TryDate(fromValue, out from, out precision, out var why)) return Fail(out reason, $"{fields[validFrom].Name}: {why}");
            }
            else if (defaultFrom is { } d) from = d;
            else return Fail(out reason, $"{fields[validFrom].Name} is empty and no {ImportOption.ValidFrom} was given");

            DateOnly? to = defaultTo;
            var toValue = validTo >= 0 ? table.Value(validTo) : null;
            if (toValue is not null)
            {
                if (!ValueParsing.TryDate(toValue, out var parsedTo, out _, out var why)) return Fail(out reason, $"{fields[validTo].Name}: {why}");
                to = parsedTo;
            }
            if (to < from) return Fail(out reason, $"valid_to {to:yyyy-MM-dd} is before valid_from {from:yyyy-MM-dd}");

            double conf;
            var confValue = confidence >= 0 ? table.Value(confidence) : null;
            if (confValue is not null)
            {
                if (!ValueParsing.TryConfidence(confValue, out conf, out var why)) return Fail(out reason, $"{fields[confidence].Name}: {why}");
            }
            else conf = defaults.Confidence ?? double.NaN;
            if (double.IsNaN(conf)) return Fail(out reason, $"{fields[confidence].Name} is empty and no {ImportOption.Confidence} was given");

            var kindText = (kind >= 0 ? Text(table, kind) : null) ?? defaults.Kind ?? "unspecified";
            if (kindText.Length > 64) return Fail(out reason, $"the kind '{kindText[..20]}…' is longer than 64 characters");

            row = new FeatureRow(
                featureId, actorId,
                (name >= 0 ? Text(table, name) : null) ?? $"{fileStem} #{recordNumber}",
                nameAr >= 0 ? Text(table, nameAr) : null,
                kindText, geometry, from, to, precision, conf,
                Sources((source >= 0 ? Text(table, source) : null) ?? defaults.Source),
                Properties(table));
            reason = "";
            return true;
        }
        catch (DbfValueException e)
        {
            return Fail(out reason, e.Message);
        }
    }

    private static bool Fail(out string reason, string why)
    {
        reason = why;
        return false;
    }

    private string KnownActors() => string.Join(", ", actors.Values.Distinct().Order());

    private static DateOnly? DefaultDate(string? text, string option, out DatePrecision precision)
    {
        precision = DatePrecision.Day;
        if (text is null) return null;
        return ValueParsing.TryDate(text, out var date, out precision, out var reason)
            ? date : throw new ImportException(ImportErrors.InvalidOption, $"{option}: {reason}.");
    }

    private static string? Text(DbfTable table, int index) => table.Value(index) switch
    {
        null => null,
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable v => v.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    private string Sources(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "[]";
        buffer.ResetWrittenCount();
        json.Reset();
        json.WriteStartArray();
        json.WriteStartObject();
        var isUrl = Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        json.WriteString("title", isUrl ? uri!.Host : text);
        json.WriteString("url", isUrl ? text : "");
        json.WriteNull("published");
        json.WriteEndObject();
        json.WriteEndArray();
        json.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private string Properties(DbfTable table)
    {
        buffer.ResetWrittenCount();
        json.Reset();
        json.WriteStartObject();
        for (var i = 0; i < fields.Count; i++)
        {
            if (!isProperty[i]) continue;
            json.WritePropertyName(fields[i].Name);
            switch (table.Value(i))
            {
                case null: json.WriteNullValue(); break;
                case string s: json.WriteStringValue(s); break;
                case long l: json.WriteNumberValue(l); break;
                case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
                case double: json.WriteNullValue(); break;
                case bool b: json.WriteBooleanValue(b); break;
                case DateOnly date: json.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            }
        }
        json.WriteEndObject();
        json.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public void Dispose() => json.Dispose();
}

/// <summary>One feature ready for COPY; the layer, import id and timestamps are the same for the whole import.</summary>
public sealed record FeatureRow(
    string Id, string? ActorId, string Name, string? NameAr, string Kind, Geometry Geometry,
    DateOnly ValidFrom, DateOnly? ValidTo, DatePrecision DatePrecision, double Confidence, string SourcesJson, string PropertiesJson);
