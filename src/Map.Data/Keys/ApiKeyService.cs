using System.Text.RegularExpressions;
using Npgsql;

namespace Map.Data.Keys;

/// <summary>What a key may do: upload shapefiles (importer), edit features (editor), or both (admin).</summary>
public enum KeyRole { Importer, Editor, Admin }

/// <summary>The holder of a key as every write records it.</summary>
public sealed record KeyHolder(string Name, KeyRole Role)
{
    public bool May(KeyRole needed) => Role == KeyRole.Admin || Role == needed;
}

public sealed record ApiKeyRow(string Name, KeyRole Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key operation refused, with a stable code for the CLI and the API.</summary>
public sealed class ApiKeyException(string code, string message) : Exception(message)
{
    public const string InvalidName = "invalid-key-name";
    public const string NameTaken = "key-name-taken";
    public const string NotFound = "key-not-found";

    public string Code { get; } = code;
}

/// <summary>
/// The keys of the write API in the <c>api_keys</c> table: the one service that `./map keys` and the web app share.
/// Only the SHA-256 of a key is stored; the key itself is returned once, by <see cref="AddAsync"/>. Changes take effect
/// at once (every request looks its key up), and names are never reused, so the name in a history row stays its author's.
/// </summary>
public sealed partial class ApiKeyService(NpgsqlDataSource dataSource)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,99}$")]
    private static partial Regex NamePattern();

    /// <returns>The new key, to give to its holder; it cannot be shown again.</returns>
    public async Task<string> AddAsync(string name, KeyRole role, CancellationToken ct = default)
    {
        if (!NamePattern().IsMatch(name))
            throw new ApiKeyException(ApiKeyException.InvalidName,
                $"'{name}' is not a key name: 1–100 letters, digits, spaces and . _ @ -, starting with a letter or digit.");
        var key = ApiKeys.NewKey();
        await using var command = dataSource.CreateCommand(
            "INSERT INTO api_keys (name, key_hash, role) VALUES (@name, @hash, @role) ON CONFLICT (name) DO NOTHING");
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("hash", ApiKeys.Hash(key));
        command.Parameters.AddWithValue("role", RoleText(role));
        if (await command.ExecuteNonQueryAsync(ct) == 0)
            throw new ApiKeyException(ApiKeyException.NameTaken,
                $"A key named '{name}' exists or existed (names are never reused, so history stays attributable); choose another name.");
        return key;
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT name, role, created_at, revoked_at FROM api_keys ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<ApiKeyRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(new(reader.GetString(0), ParseRole(reader.GetString(1)), reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        return rows;
    }

    /// <returns>False when the key was already revoked.</returns>
    public async Task<bool> RevokeAsync(string name, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH target AS (SELECT name, revoked_at FROM api_keys WHERE name = @name FOR UPDATE),
                 revoked AS (UPDATE api_keys k SET revoked_at = now() FROM target t
                             WHERE k.name = t.name AND t.revoked_at IS NULL RETURNING k.name)
            SELECT (SELECT count(*) FROM target), (SELECT count(*) FROM revoked)
            """);
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (reader.GetInt64(0) == 0) throw new ApiKeyException(ApiKeyException.NotFound, $"There is no key named '{name}'.");
        return reader.GetInt64(1) == 1;
    }

    /// <summary>The holder of a key that is in the table and not revoked; null otherwise.</summary>
    public async Task<KeyHolder?> ResolveAsync(string key, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT name, role FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL");
        command.Parameters.AddWithValue("hash", ApiKeys.Hash(key));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new KeyHolder(reader.GetString(0), ParseRole(reader.GetString(1))) : null;
    }

    /// <summary>True when at least one key could be accepted (used to say "uploads are disabled" rather than "wrong key").</summary>
    public async Task<bool> AnyActiveAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL)");
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public static string RoleText(KeyRole role) => role.ToString().ToLowerInvariant();

    public static KeyRole ParseRole(string text) => Enum.Parse<KeyRole>(text, ignoreCase: true);
}
