using System.ComponentModel.DataAnnotations;

namespace Map.Web.Replication;

/// <summary>The "Map:Replication" section: how long a writer's reads wait for a standby before they go to the primary.</summary>
public sealed class ReplicationOptions
{
    public const string Section = "Map:Replication";

    /// <summary>
    /// How long a read that carries a write's LSN waits for its standby to replay it; after that it is read from the
    /// primary. Streaming replication on one network replays in milliseconds, so this is only reached under lag.
    /// </summary>
    [Range(0, 60_000)]
    public int WaitMilliseconds { get; set; } = 1000;

    /// <summary>How long the browser keeps the write's LSN cookie: reads in that time see the write (or wait for it).</summary>
    [Range(1, 86_400)]
    public int CookieSeconds { get; set; } = 300;
}
