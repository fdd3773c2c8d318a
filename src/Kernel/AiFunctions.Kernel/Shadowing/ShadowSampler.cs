using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace AiFunctions.Kernel.Shadowing;

/// <summary>
/// Deterministic sampling: a call is shadowed when the XxHash64 of "route\nfunction\ncallKey", read as a fraction of
/// 2^64, is below the rate. The same call key gets the same decision in every process and on every retry or resume
/// (no Random), and the sampled share converges on the rate over many keys.
/// </summary>
internal static class ShadowSampler
{
    public static bool IsSampled(string route, string function, string callKey, double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        if (rate >= 1)
        {
            return true;
        }

        return Fraction(route, function, callKey) < rate;
    }

    /// <summary>The call's position in [0, 1).</summary>
    public static double Fraction(string route, string function, string callKey)
    {
        var bytes = Encoding.UTF8.GetBytes(route.ToLowerInvariant() + "\n" + function + "\n" + callKey);
        Span<byte> hash = stackalloc byte[8];
        XxHash64.Hash(bytes, hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
