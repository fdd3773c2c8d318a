using System.Security.Cryptography;
using System.Text;

namespace AiFunctions.Hosting.Api;

/// <summary>The API-key check both hosts use: header <see cref="Name"/>, compared in constant time.</summary>
public static class ApiKeyHeader
{
    public const string Name = "X-Api-Key";

    /// <summary>True when <paramref name="presented"/> equals one of <paramref name="accepted"/>.</summary>
    public static bool IsAccepted(string? presented, IReadOnlyList<string> accepted)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        var match = false;
        foreach (var key in accepted)
        {
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }

            // Compare against every key (no early exit), so timing does not tell which one nearly matched.
            match |= CryptographicOperations.FixedTimeEquals(presentedBytes, Encoding.UTF8.GetBytes(key));
        }

        return match;
    }
}
