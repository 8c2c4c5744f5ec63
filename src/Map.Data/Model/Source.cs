namespace Map.Data.Model;

/// <summary>A public source a feature is based on. Published is kept as text because sources are sometimes dated only to the month or year.</summary>
public sealed record Source(string Title, string Url, string? Published);
