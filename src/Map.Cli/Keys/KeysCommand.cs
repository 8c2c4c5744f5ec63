using System.CommandLine;
using System.Globalization;
using Map.Data;
using Map.Data.Keys;

namespace Map.Cli.Keys;

/// <summary>
/// `keys add &lt;name&gt; --role importer|editor|admin`, `keys list`, `keys revoke &lt;name&gt;`: the CLI door to
/// <see cref="ApiKeyService"/>, the same service the web app checks keys with, so a change takes effect at once.
/// </summary>
public static class KeysCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var connection = new Option<string?>("--connection") { Description = "PostGIS connection string (default: as for import).", Recursive = true };
        var name = new Argument<string>("name") { Description = "Who holds the key; recorded with every write made with it." };
        var role = new Option<KeyRole>("--role") { Description = "importer (uploads), editor (edits) or admin (both).", Required = true };
        var add = new Command("add", "Make a key; it is printed once and only its SHA-256 is stored.") { name, role };
        add.SetAction((parse, ct) => Run(parse.GetValue(connection), error, async keys =>
        {
            var key = await keys.AddAsync(parse.GetValue(name)!, parse.GetValue(role), ct);
            output.WriteLine($"key:  {key}");
            output.WriteLine($"name: {parse.GetValue(name)}   role: {ApiKeyService.RoleText(parse.GetValue(role))}");
            output.WriteLine("Give the key to its holder now: it is not stored and cannot be shown again.");
        }));

        var list = new Command("list", "List the keys: name, role, created, revoked.");
        list.SetAction((parse, ct) => Run(parse.GetValue(connection), error, async keys =>
        {
            foreach (var row in await keys.ListAsync(ct))
                output.WriteLine(string.Join('\t', row.Name, ApiKeyService.RoleText(row.Role), Instant(row.CreatedAt),
                    row.RevokedAt is { } revoked ? "revoked " + Instant(revoked) : "active"));
        }));

        var revokeName = new Argument<string>("name") { Description = "The key to revoke; refused from the next request on." };
        var revoke = new Command("revoke", "Revoke a key at once.") { revokeName };
        revoke.SetAction((parse, ct) => Run(parse.GetValue(connection), error, async keys =>
        {
            var revokedNow = await keys.RevokeAsync(parse.GetValue(revokeName)!, ct);
            output.WriteLine(revokedNow ? $"revoked {parse.GetValue(revokeName)}" : $"{parse.GetValue(revokeName)} was already revoked");
        }));

        return new Command("keys", "Keys of the write API, stored as SHA-256 hashes in the database.") { connection, add, list, revoke };
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<int> Run(string? connection, TextWriter error, Func<ApiKeyService, Task> action)
    {
        await using var dataSource = MapDataRegistration.CreateDataSource(CliApp.Connection(connection));
        try
        {
            await action(new ApiKeyService(dataSource));
            return CliApp.Ok;
        }
        catch (ApiKeyException e)
        {
            await error.WriteLineAsync($"error [{e.Code}]: {e.Message}");
            return CliApp.Refused;
        }
        catch (Npgsql.NpgsqlException e)
        {
            await error.WriteLineAsync($"error [database-unavailable]: cannot use PostGIS ({e.Message}); start it with ./map db start or pass --connection.");
            return CliApp.Refused;
        }
    }
}
