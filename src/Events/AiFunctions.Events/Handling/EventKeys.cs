using System.Security.Cryptography;
using System.Text;

namespace AiFunctions.Events.Handling;

/// <summary>
/// Deterministic keys derived from an event's identity. CloudEvents says <c>source</c> + <c>id</c> identify an event,
/// so the same event delivered twice yields the same key, orchestration instance id and outbound event id.
/// </summary>
internal static class EventKeys
{
    /// <summary>32 lower-case hex characters (128 bits of SHA-256) of the parts, joined by a newline.</summary>
    public static string For(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The orchestration instance id a handler starts for an event: <c>{prefix}-{key}</c>.</summary>
    public static string InstanceId(string prefix, InboundEvent inbound)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        return prefix + "-" + inbound.Key;
    }
}
