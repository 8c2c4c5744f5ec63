using System.Buffers;
using System.Buffers.Text;
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
    private readonly string fileStem;
    private readonly int id, name, nameAr, actor, kind, validFrom, validTo, confidence, source;
    private readonly bool[] isProperty;
    /// <summary>Field names as JSON property names, encoded once.</summary>
    private readonly JsonEncodedText[] fieldNames;
    private readonly HashSet<string>? seenIds;
    private readonly FeatureRow row = new();
    private readonly int idPrefixLength;
    private byte[] idBuffer, nameBuffer = new byte[256];
    private readonly byte[][] fieldBuffers;
    private readonly ReadOnlyMemory<byte> defaultKind;
    private readonly Dictionary<string, ReadOnlyMemory<byte>> actorBytes = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> sourcesBuffer = new(256), propertiesBuffer = new(1024);
    private readonly Utf8JsonWriter sourcesJson, propertiesJson;
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
        this.fileStem = fileStem;
        defaults = mapping.Defaults;
        sourcesJson = new Utf8JsonWriter(sourcesBuffer, JsonOptions);
        propertiesJson = new Utf8JsonWriter(propertiesBuffer, JsonOptions);
        idBuffer = new byte[Encoding.UTF8.GetByteCount(idPrefix) + 11];
        idPrefixLength = Encoding.UTF8.GetBytes(idPrefix, idBuffer);
        fieldBuffers = fields.Select(_ => Array.Empty<byte>()).ToArray();
        fieldNames = fields.Select(f => JsonEncodedText.Encode(f.Name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).ToArray();
        defaultKind = Encoding.UTF8.GetBytes(defaults.Kind ?? "unspecified");
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
                $"No start date: the file has no valid_from field; name one with {ImportOption.ValidFromField} " +
                $"or give every record the same date with {ImportOption.ValidFrom}.");
        if (confidence < 0 && defaults.Confidence is null)
            throw new ImportException(ImportErrors.InvalidOption,
                $"No confidence: the file has no confidence field; name one with {ImportOption.ConfidenceField} " +
                $"or give every record the same value with {ImportOption.Confidence}.");
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

    /// <summary>
    /// Maps the current record of <paramref name="table"/>; false with a reason when it cannot be imported. The row is
    /// the mapper's own, reused for every record: its texts (UTF-8, ready for COPY) point into the current record and
    /// the mapper's buffers, so it is valid until the next call.
    /// </summary>
    public bool TryMap(DbfTable table, int recordNumber, Geometry geometry, out FeatureRow row, out string reason)
    {
        row = this.row;
        try
        {
            if (id >= 0)
            {
                var featureId = Text(table, id);
                if (string.IsNullOrEmpty(featureId)) return Fail(out reason, $"field '{fields[id].Name}' (the id) is empty");
                if (featureId.Length > 200) return Fail(out reason, $"the id '{featureId[..40]}…' is longer than 200 characters");
                if (!seenIds!.Add(featureId)) return Fail(out reason, $"the id '{featureId}' is used by an earlier record too");
                row.Id = Utf8Of(featureId, ref idBuffer);
            }
            else
            {
                Utf8Formatter.TryFormat(recordNumber, idBuffer.AsSpan(idPrefixLength), out var digits);
                row.Id = idBuffer.AsMemory(0, idPrefixLength + digits);
            }

            var actorText = (actor >= 0 ? Text(table, actor) : null) ?? defaults.Actor;
            row.ActorId = null;
            if (actorText is not null)
            {
                if (!actors.TryGetValue(actorText, out var actorId)) return Fail(out reason, $"unknown actor '{actorText}' (known: {KnownActors()})");
                row.ActorId = ActorBytes(actorId);
            }

            DateOnly from;
            var precision = defaultPrecision;
            if (validFrom >= 0 && table.IsoDay(validFrom) is { } isoFrom) (from, precision) = (isoFrom, DatePrecision.Day);
            else if ((validFrom >= 0 ? table.Value(validFrom) : null) is { } fromValue)
            {
                if (!ValueParsing.TryDate(fromValue, out from, out precision, out var why)) return Fail(out reason, $"{fields[validFrom].Name}: {why}");
            }
            else if (defaultFrom is { } d) from = d;
            else return Fail(out reason, $"{fields[validFrom].Name} is empty and no {ImportOption.ValidFrom} was given");

            DateOnly? to = defaultTo;
            if (validTo >= 0 && table.IsoDay(validTo) is { } isoTo) to = isoTo;
            else if ((validTo >= 0 ? table.Value(validTo) : null) is { } toValue)
            {
                if (!ValueParsing.TryDate(toValue, out var parsedTo, out _, out var why)) return Fail(out reason, $"{fields[validTo].Name}: {why}");
                to = parsedTo;
            }
            if (to < from) return Fail(out reason, $"valid_to {to:yyyy-MM-dd} is before valid_from {from:yyyy-MM-dd}");

            double conf;
            var confValue = confidence >= 0 ? (object?)table.Fraction(confidence) ?? table.Value(confidence) : null;
            if (confValue is not null)
            {
                if (!ValueParsing.TryConfidence(confValue, out conf, out var why)) return Fail(out reason, $"{fields[confidence].Name}: {why}");
            }
            else conf = defaults.Confidence ?? double.NaN;
            if (double.IsNaN(conf)) return Fail(out reason, $"{fields[confidence].Name} is empty and no {ImportOption.Confidence} was given");

            var kindBytes = (kind >= 0 ? Utf8(table, kind) : null) ?? defaultKind;
            if (kindBytes.Length > 64 && Encoding.UTF8.GetCharCount(kindBytes.Span) > 64)
                return Fail(out reason, $"the kind '{Encoding.UTF8.GetString(kindBytes.Span)[..20]}…' is longer than 64 characters");

            row.Kind = kindBytes;
            row.Name = (name >= 0 ? Utf8(table, name) : null) ?? Utf8Of($"{fileStem} #{recordNumber}", ref nameBuffer);
            row.NameAr = nameAr >= 0 ? Utf8(table, nameAr) : null;
            row.Geometry = geometry;
            (row.ValidFrom, row.ValidTo, row.DatePrecision, row.Confidence) = (from, to, precision, conf);
            row.SourcesJson = Sources((source >= 0 ? Text(table, source) : null) ?? defaults.Source);
            row.PropertiesJson = Properties(table);
            reason = "";
            return true;
        }
        catch (DbfValueException e)
        {
            return Fail(out reason, e.Message);
        }
    }

    /// <summary>A field's text as UTF-8: the record's own bytes for character fields, the formatted value for others.</summary>
    private ReadOnlyMemory<byte>? Utf8(DbfTable table, int index) =>
        fields[index].Type == 'C' ? table.Utf8(index) : Text(table, index) is { } text ? Utf8Of(text, ref fieldBuffers[index]) : null;

    /// <summary>UTF-8 of a string in a reusable buffer (grown when needed).</summary>
    private static ReadOnlyMemory<byte> Utf8Of(string text, ref byte[] buffer)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (buffer.Length < needed) buffer = new byte[needed];
        return buffer.AsMemory(0, Encoding.UTF8.GetBytes(text, buffer));
    }

    private ReadOnlyMemory<byte> ActorBytes(string actorId)
    {
        if (!actorBytes.TryGetValue(actorId, out var bytes)) actorBytes[actorId] = bytes = Encoding.UTF8.GetBytes(actorId);
        return bytes;
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

    private ReadOnlyMemory<byte> Sources(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "[]"u8.ToArray();
        sourcesBuffer.ResetWrittenCount();
        sourcesJson.Reset();
        sourcesJson.WriteStartArray();
        sourcesJson.WriteStartObject();
        var isUrl = Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        sourcesJson.WriteString("title", isUrl ? uri!.Host : text);
        sourcesJson.WriteString("url", isUrl ? text : "");
        sourcesJson.WriteNull("published");
        sourcesJson.WriteEndObject();
        sourcesJson.WriteEndArray();
        sourcesJson.Flush();
        return sourcesBuffer.WrittenMemory;
    }

    private ReadOnlyMemory<byte> Properties(DbfTable table)
    {
        propertiesBuffer.ResetWrittenCount();
        propertiesJson.Reset();
        propertiesJson.WriteStartObject();
        for (var i = 0; i < fields.Count; i++)
        {
            if (!isProperty[i]) continue;
            propertiesJson.WritePropertyName(fieldNames[i]);
            if (fields[i].Type == 'C')
            {
                // Character fields go from the record's UTF-8 straight into the JSON (escaped as needed), without a string.
                if (table.Utf8(i) is { } utf8) propertiesJson.WriteStringValue(utf8.Span); else propertiesJson.WriteNullValue();
                continue;
            }
            switch (table.Value(i))
            {
                case null: propertiesJson.WriteNullValue(); break;
                case long l: propertiesJson.WriteNumberValue(l); break;
                case double d when double.IsFinite(d): propertiesJson.WriteNumberValue(d); break;
                case double: propertiesJson.WriteNullValue(); break;
                case bool b: propertiesJson.WriteBooleanValue(b); break;
                case DateOnly date: propertiesJson.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            }
        }
        propertiesJson.WriteEndObject();
        propertiesJson.Flush();
        return propertiesBuffer.WrittenMemory;
    }

    public void Dispose()
    {
        sourcesJson.Dispose();
        propertiesJson.Dispose();
    }
}

/// <summary>
/// One feature ready for COPY, its texts UTF-8 (what PostgreSQL stores). The layer, import id and timestamps are the
/// same for the whole import. <see cref="RecordMapper"/> reuses one instance: a row is valid until the next record.
/// </summary>
public sealed class FeatureRow
{
    public ReadOnlyMemory<byte> Id { get; internal set; }
    public ReadOnlyMemory<byte>? ActorId { get; internal set; }
    public ReadOnlyMemory<byte> Name { get; internal set; }
    public ReadOnlyMemory<byte>? NameAr { get; internal set; }
    public ReadOnlyMemory<byte> Kind { get; internal set; }
    public Geometry Geometry { get; internal set; } = Point.Empty;
    public DateOnly ValidFrom { get; internal set; }
    public DateOnly? ValidTo { get; internal set; }
    public DatePrecision DatePrecision { get; internal set; }
    public double Confidence { get; internal set; }
    /// <summary>A JSON array.</summary>
    public ReadOnlyMemory<byte> SourcesJson { get; internal set; }
    /// <summary>A JSON object.</summary>
    public ReadOnlyMemory<byte> PropertiesJson { get; internal set; }
}
