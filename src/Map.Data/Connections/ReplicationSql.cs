using Npgsql;
using NpgsqlTypes;

namespace Map.Data.Connections;

/// <summary>The WAL positions read-your-writes compares: where the primary is, and whether a server has replayed up to a point.</summary>
public static class ReplicationSql
{
    /// <summary>The primary's current WAL write position: past the commit of every write that has returned.</summary>
    public static async Task<NpgsqlLogSequenceNumber> CurrentLsnAsync(NpgsqlDataSource primary, CancellationToken ct)
    {
        await using var command = primary.CreateCommand("SELECT pg_current_wal_lsn()");
        return (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>True on a primary, and on a standby that has replayed the WAL up to <paramref name="lsn"/>.</summary>
    public static async Task<bool> HasReplayedAsync(NpgsqlConnection connection, NpgsqlLogSequenceNumber lsn, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= $1", connection)
        {
            Parameters = { new() { Value = lsn, NpgsqlDbType = NpgsqlDbType.PgLsn } },
        };
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
