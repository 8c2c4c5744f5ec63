using System.Text.Json.Nodes;

namespace Map.Data.Editing;

/// <summary>JSON Merge Patch (RFC 7396): members of the patch replace the target's, null removes one, arrays are replaced whole.</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject members) return patch?.DeepClone();
        var result = target is JsonObject existing ? (JsonObject)existing.DeepClone() : [];
        foreach (var (name, value) in members)
        {
            if (value is null) result.Remove(name);
            else result[name] = Apply(result[name], value);
        }
        return result;
    }
}
