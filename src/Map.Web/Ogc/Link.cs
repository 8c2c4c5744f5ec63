using System.Text.Json.Serialization;

namespace Map.Web.Ogc;

public sealed record Link(
    string Href,
    string Rel,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title = null);
