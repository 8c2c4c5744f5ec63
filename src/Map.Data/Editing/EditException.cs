namespace Map.Data.Editing;

/// <summary>Why a write was refused; the web maps each to a status and a problem code, and nothing was written.</summary>
public enum EditError
{
    /// <summary>The body is not a valid record (422): a missing or malformed member, an unknown actor or kind, a bad geometry.</summary>
    InvalidFeature,
    /// <summary>The write names no source with a URL and a date (422).</summary>
    SourceRequired,
    /// <summary>The write says nothing about why (400): the Map-Comment header is missing.</summary>
    CommentRequired,
    CollectionNotFound,
    FeatureNotFound,
    /// <summary>Basemap layers are reference geography, not records: not editable (405).</summary>
    NotEditable,
    /// <summary>A new feature's id is already used (409).</summary>
    DuplicateId,
    /// <summary>No If-Match on a change of an existing feature (428).</summary>
    PreconditionRequired,
    /// <summary>If-Match names another version than the current one (412): someone else wrote first.</summary>
    PreconditionFailed,
}

public sealed class EditException(EditError error, string message) : Exception(message)
{
    public EditError Error { get; } = error;
}
