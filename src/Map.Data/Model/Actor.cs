namespace Map.Data.Model;

/// <summary>A force whose presence the map shows (US-led coalition, Russia, Turkey, ...).</summary>
public class Actor
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string NameAr { get; set; } = "";
    /// <summary>CSS colour, e.g. #1f5fbf.</summary>
    public required string Colour { get; set; }
}
