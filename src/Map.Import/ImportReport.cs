using System.Text.Json;
using System.Text.Json.Serialization;
using Map.Data.Model;

namespace Map.Import;

/// <summary>What an import did, as the CLI prints it, the upload returns it and the imports table keeps it.</summary>
public sealed class ImportReport
{
    /// <summary>Problems listed one by one; the rest are only counted.</summary>
    public const int ListedProblems = 1000;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Metadata generated at build time: the CLI writes one report per run, and building it by reflection at run
        // time was part of the start-up that bench/import measures.
        TypeInfoResolver = ImportReportJsonContext.Default,
    };

    public Guid ImportId { get; set; }
    public string FileName { get; set; } = "";
    public string? Shapefile { get; set; }
    public string Layer { get; set; } = "";
    /// <summary>The layer did not exist and was created (in a dry run: would be).</summary>
    public bool LayerCreated { get; set; }
    /// <summary>How the rows reached the layer (null for a dry run or a refusal).</summary>
    [JsonConverter(typeof(CamelCaseEnumConverter<LayerWriteMethod>))]
    public LayerWriteMethod? WriteMethod { get; set; }
    [JsonConverter(typeof(CamelCaseEnumConverter<ImportMode>))]
    public ImportMode Mode { get; set; }
    public bool DryRun { get; set; }
    /// <summary>Who asked for the import: an API key's name (uploads) or "cli (&lt;OS user&gt;)".</summary>
    public string? RequestedBy { get; set; }
    /// <summary>For an upload run as a job: how many times a worker took it up (more than 1 after a worker died mid-job).</summary>
    public int? Attempts { get; set; }
    [JsonConverter(typeof(CamelCaseEnumConverter<ImportStatus>))]
    public ImportStatus Status { get; set; } = ImportStatus.Running;
    public string? SourceCrs { get; set; }
    public string? Encoding { get; set; }
    /// <summary>Model attribute → DBF field, as mapped or found.</summary>
    public Dictionary<string, string> Fields { get; set; } = [];

    public int Records { get; set; }
    public int Imported { get; set; }
    public int Removed { get; set; }
    public int NullShapes { get; set; }
    public int DeletedRecords { get; set; }
    public int GeometriesFixed { get; set; }
    /// <summary>Every record whose geometry was repaired (up to <see cref="ListedProblems"/>), with what was wrong.</summary>
    public List<RecordRepair> Repairs { get; set; } = [];
    public int ProblemCount { get; set; }
    public List<RecordProblem> Problems { get; set; } = [];
    public List<string> Warnings { get; set; } = [];
    public ImportError? Error { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public double Seconds { get; set; }
    public double FeaturesPerSecond { get; set; }

    public void AddProblem(int record, string reason)
    {
        ProblemCount++;
        if (Problems.Count < ListedProblems) Problems.Add(new RecordProblem(record, reason));
    }

    public void AddRepair(int record, string repair)
    {
        if (Repairs.Count < ListedProblems) Repairs.Add(new RecordRepair(record, repair));
    }

    /// <summary>How the door that asked names options: the report's texts are spelled that way when it finishes.</summary>
    [JsonIgnore]
    public OptionSpelling Spelling { get; set; }

    public void Finish(ImportStatus status, DateTimeOffset now)
    {
        if (Error is { } error) Error = error with { Message = ImportOption.Spell(error.Message, Spelling) };
        Problems = Problems.Select(p => p with { Reason = ImportOption.Spell(p.Reason, Spelling) }).ToList();
        Warnings = Warnings.Select(w => ImportOption.Spell(w, Spelling)).ToList();
        if (Encoding is { } encoding) Encoding = ImportOption.Spell(encoding, Spelling);
        Status = status;
        FinishedAt = now;
        Seconds = Math.Round((now - StartedAt).TotalSeconds, 3);
        FeaturesPerSecond = Seconds > 0 ? Math.Round(Records / Seconds) : 0;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record RecordProblem(int Record, string Reason);

public sealed record RecordRepair(int Record, string Repair);

/// <summary>How an import wrote its rows (bench/import/RESULTS.md measures each).</summary>
public enum LayerWriteMethod
{
    /// <summary>Into a new table, indexed and analysed apart, then swapped in for the layer's partition (replace).</summary>
    Swap,
    /// <summary>The layer's rows and the file's into a new table, then swapped in: an append to a small layer.</summary>
    Rebuild,
    /// <summary>COPY into the live partition, in one transaction: an append to a layer much larger than the file.</summary>
    InPlace,
}

public sealed record ImportError(string Code, string Message);

/// <summary>
/// The serialisation metadata of <see cref="ImportReport"/> and of the <see cref="ImportRequest"/> a queued job keeps
/// (<see cref="ImportQueue"/>), generated at build time (<see cref="ImportReport.Json"/>).
/// </summary>
[JsonSerializable(typeof(ImportReport))]
[JsonSerializable(typeof(ImportRequest))]
internal sealed partial class ImportReportJsonContext : JsonSerializerContext;

/// <summary>Enums as camelCase strings wherever a report is serialised (CLI --json, API, imports table).</summary>
public sealed class CamelCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase) where T : struct, Enum;
