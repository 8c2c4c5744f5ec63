using System.CommandLine;
using Map.Data.Keys;

namespace Map.Cli.Keys;

/// <summary>`hash-key [key]`: prints the SHA-256 hash to put in Map:Imports:ApiKeyHashes; with no key, makes a new one.</summary>
public static class HashKeyCommand
{
    public static Command Create(TextWriter output)
    {
        var key = new Argument<string?>("key") { Description = "The key to hash; omit it to generate a new random key.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("hash-key", "Print the SHA-256 hash of an upload API key (for Map:Imports:ApiKeyHashes).") { key };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(key);
            var value = string.IsNullOrEmpty(given) ? ApiKeys.NewKey() : given;
            if (string.IsNullOrEmpty(given)) output.WriteLine($"key:  {value}   (give this to the uploader; it is not stored)");
            output.WriteLine(string.IsNullOrEmpty(given) ? $"hash: {ApiKeys.Hash(value)}" : ApiKeys.Hash(value));
            return CliApp.Ok;
        });
        return command;
    }
}
