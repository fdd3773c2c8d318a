using System.Security.Cryptography;
using System.Text;

namespace AiFunctions.Hosting.Security;

/// <summary>
/// API keys are configured as hashes, never in clear text: <c>sha256:</c> followed by the 64 hex digits of SHA-256 over
/// the key's UTF-8 bytes. A key is a high-entropy random string (at least <see cref="MinKeyLength"/> characters, e.g.
/// <see cref="NewKey"/>: 256 random bits), so one unsalted SHA-256 is enough (no password-stretching needed), and a
/// presented key is hashed and compared in constant time against every configured hash.
/// </summary>
public static class ApiKeyHash
{
    /// <summary>Prefix of a configured hash.</summary>
    public const string Prefix = "sha256:";

    /// <summary>Shortest key accepted (shorter keys are refused before hashing).</summary>
    public const int MinKeyLength = 32;

    /// <summary>Longest key accepted.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>The configuration value for <paramref name="key"/>: "sha256:" + lower-case hex.</summary>
    public static string Compute(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>A new random key: 32 random bytes as base64url (43 characters).</summary>
    public static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The 32 hash bytes of a configured value, or null when it is not "sha256:" + 64 hex digits.</summary>
    public static byte[]? Parse(string? configured)
    {
        if (configured is null || !configured.StartsWith(Prefix, StringComparison.Ordinal) || configured.Length != Prefix.Length + 64)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(configured.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The index in <paramref name="hashes"/> matching <paramref name="presented"/>, or -1. Constant time over all hashes.</summary>
    public static int Match(string? presented, IReadOnlyList<byte[]> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (presented is null || presented.Length < MinKeyLength || presented.Length > MaxKeyLength)
        {
            return -1;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var found = -1;
        for (var i = 0; i < hashes.Count; i++)
        {
            // No early exit: every configured hash is compared.
            if (CryptographicOperations.FixedTimeEquals(hash, hashes[i]) && found < 0)
            {
                found = i;
            }
        }

        return found;
    }
}
