using Map.Data.Records;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Map.Data.Queries;
using Npgsql;
using NpgsqlTypes;

namespace Map.Import.Seeding;

/// <summary>
/// Writes the current records of every presence layer (the seed with its edits; imported features are not part of
/// geodata/) back into the files of a geodata/ folder, so that edits can be reviewed in git. Each file keeps its
/// features' order, property order and number formatting wherever a value did not change: exporting a database that
/// nobody edited rewrites the files byte for byte. Changed values are replaced, new features appended, deleted ones
/// dropped. Written as geodata/ is: one-space indentation, UTF-8 text unescaped.
/// </summary>
public sealed class GeodataExport(NpgsqlDataSource dataSource)
{
    private static readonly JsonWriterOptions Writer = new()
    {
        Indented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <returns>Per layer file: features changed (or added) and removed.</returns>
    public async Task<IReadOnlyList<(string File, int Changed, int Removed)>> ExportAsync(string geodataRoot, CancellationToken ct = default)
    {
        var files = new GeodataFiles(geodataRoot);
        var results = new List<(string, int, int)>();
        foreach (var layer in files.ReadLayers().Where(l => l.Layer.Role == Map.Data.Model.LayerRole.Presence))
        {
            var current = await CurrentAsync(layer.Layer.Id, ct);
            var text = await File.ReadAllTextAsync(layer.Path, ct);
            var document = JsonNode.Parse(text)!.AsObject();
            var (changed, removed) = Merge(document["features"]!.AsArray(), current);
            await using (var stream = File.Create(layer.Path))
            await using (var writer = new Utf8JsonWriter(stream, Writer))
                document.WriteTo(writer);
            if (text.EndsWith('\n')) await File.AppendAllTextAsync(layer.Path, "\n", ct);
            results.Add((layer.Path, changed, removed));
        }
        return results;
    }

    /// <summary>The layer's seed and edited features as the API writes them, by id, in id order.</summary>
    private async Task<List<JsonObject>> CurrentAsync(string layerId, CancellationToken ct)
    {
        var p = new SqlParameters();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = p.Command($"""
            SELECT {FeatureSql.FeatureJson(SpatialReference.Crs84, null)} FROM features f
            WHERE f.layer_id = {p.Add(layerId, NpgsqlDbType.Varchar)} AND f.import_id IS NULL ORDER BY f.id
            """);
        command.Connection = connection;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var features = new List<JsonObject>();
        while (await reader.ReadAsync(ct)) features.Add(JsonNode.Parse(reader.GetString(0))!.AsObject());
        return features;
    }

    private static (int Changed, int Removed) Merge(JsonArray file, List<JsonObject> current)
    {
        var byId = current.ToDictionary(f => (string)f["id"]!);
        var (changed, removed) = (0, 0);
        for (var i = file.Count - 1; i >= 0; i--)
        {
            var feature = file[i]!.AsObject();
            if (!byId.Remove((string)feature["id"]!, out var now))
            {
                file.RemoveAt(i);
                removed++;
                continue;
            }
            if (MergeFeature(feature, now)) changed++;
        }
        foreach (var added in byId.Values)
        {
            var properties = added["properties"]!.AsObject();
            properties.Remove("layer");
            file.Add(added.DeepClone());
            changed++;
        }
        return (changed, removed);
    }

    /// <returns>True when something changed.</returns>
    private static bool MergeFeature(JsonObject file, JsonObject now)
    {
        var changed = false;
        if (!SameValue(file["geometry"], now["geometry"])) { file["geometry"] = now["geometry"]!.DeepClone(); changed = true; }
        var properties = file["properties"]!.AsObject();
        var current = now["properties"]!.AsObject();
        current.Remove("layer");
        foreach (var name in properties.Select(p => p.Key).ToList())
            if (!current.ContainsKey(name) && properties[name] is not null) { properties.Remove(name); changed = true; }
        foreach (var (name, value) in current)
        {
            var present = properties.TryGetPropertyValue(name, out var old);
            // lastConfirmed is derived from the sources by every writer: a file that leaves it out keeps leaving it out.
            if (!present && (value is null || name == "lastConfirmed" || SameValue(value, Defaults[name]))) continue;
            if (present && SameValue(old, value)) continue;
            properties[name] = value?.DeepClone();
            changed = true;
        }
        return changed;
    }

    /// <summary>What the seeder assumes for a property a file leaves out (<see cref="FeatureRecordMapper"/>).</summary>
    private static readonly JsonObject Defaults = new() { ["datePrecision"] = "day", ["approximate"] = false, ["parties"] = new JsonArray() };

    /// <summary>JSON equality with numbers compared by value (37.0 in a file is 37 from PostgreSQL) and absent members equal to null.</summary>
    private static bool SameValue(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (JsonObject x, JsonObject y) => x.Select(p => p.Key).Union(y.Select(p => p.Key)).All(k => SameValue(x[k], y[k])),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => SameValue(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number =>
            x.GetValue<decimal>() == y.GetValue<decimal>(),
        _ => JsonNode.DeepEquals(a, b),
    };
}
