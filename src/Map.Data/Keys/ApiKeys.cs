using System.Security.Cryptography;
using System.Text;

namespace Map.Data.Keys;

/// <summary>
/// Upload keys are stored only as SHA-256 hashes (Map:Imports:ApiKeyHashes); `map import hash-key` prints the hash of a
/// key for the operator to configure. Keys are long random strings, so an unsalted fast hash is enough: nothing to
/// brute-force from a dictionary.
/// </summary>
public static class ApiKeys
{
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Compares in constant time against every configured hash.</summary>
    public static bool Matches(string key, IEnumerable<string> hashes)
    {
        var candidate = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var match = false;
        foreach (var hash in hashes)
        {
            byte[] stored;
            try { stored = Convert.FromHexString(hash.Trim()); }
            catch (FormatException) { continue; }
            match |= CryptographicOperations.FixedTimeEquals(candidate, stored);
        }
        return match;
    }

    /// <summary>A new random key (32 bytes, URL-safe base64) for operators who need one.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
