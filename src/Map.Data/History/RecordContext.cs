using Npgsql;

namespace Map.Data.History;

/// <summary>Where a change comes from: the history triggers store it with every version and every change-feed row.</summary>
public static class RecordOrigins
{
    public const string Seed = "seed";
    public const string Import = "import";
    public const string Edit = "edit";
}

/// <summary>
/// Who writes, from where, why and on which sources: told to the history triggers of <c>features</c> through
/// transaction-local settings (<c>map.actor</c>, <c>map.origin</c>, <c>map.comment</c>, <c>map.sources</c>), so every
/// door (edits, imports, the seeder) is recorded by the same SQL. Call it inside the writing transaction.
/// </summary>
public sealed record RecordContext(string Actor, string Origin, string? Comment = null, string? SourcesJson = null)
{
    public static readonly RecordContext Seeder = new("seeder", RecordOrigins.Seed);

    /// <summary>An import, named with who asked for it (an API key's name, or "cli (user)") when known.</summary>
    public static RecordContext Import(Guid importId, string? requestedBy = null) =>
        new(requestedBy is null ? $"import {importId}" : $"import {importId} ({requestedBy})", RecordOrigins.Import);

    public const string Sql = """
        SELECT set_config('map.actor', @actor, true), set_config('map.origin', @origin, true),
               set_config('map.comment', @comment, true), set_config('map.sources', @sources, true)
        """;

    public Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct) =>
        ApplyAsync(Sql, connection, transaction, ct);

    /// <summary>The same settings for the session, on a connection that writes outside a transaction (COPY into a staged table).</summary>
    public Task ApplyToSessionAsync(NpgsqlConnection connection, CancellationToken ct) =>
        ApplyAsync(Sql.Replace(", true)", ", false)", StringComparison.Ordinal), connection, null, ct);

    private async Task ApplyAsync(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("actor", Actor);
        command.Parameters.AddWithValue("origin", Origin);
        command.Parameters.AddWithValue("comment", Comment ?? "");
        command.Parameters.AddWithValue("sources", SourcesJson ?? "");
        await command.ExecuteNonQueryAsync(ct);
    }
}

public static class RecordContextExtensions
{
    /// <summary>The same settings through EF Core, inside the context's current transaction.</summary>
    public static async Task ApplyAsync(this MapDbContext db, RecordContext context, CancellationToken ct)
    {
        var (actor, origin, comment, sources) = (context.Actor, context.Origin, context.Comment ?? "", context.SourcesJson ?? "");
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlAsync(db.Database, $"""
            SELECT set_config('map.actor', {actor}, true), set_config('map.origin', {origin}, true),
                   set_config('map.comment', {comment}, true), set_config('map.sources', {sources}, true)
            """, ct);
    }
}
