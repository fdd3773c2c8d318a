using System.Text.RegularExpressions;

namespace AiFunctions.Events.Telemetry;

/// <summary>
/// The W3C Trace Context <c>tracestate</c> rules (https://www.w3.org/TR/trace-context/#tracestate-header) applied to a
/// value that came from outside (a CloudEvent's <c>tracestate</c> extension): at most 32 list members, each
/// <c>key=value</c> with the spec's key and value grammar, and at most <see cref="MaxLength"/> characters in all. A value
/// that breaks any rule is dropped whole (the spec allows discarding an invalid tracestate), so a sender can neither
/// inflate every span and outbound call with kilobytes of state nor smuggle free text past the grammar.
/// </summary>
public static partial class W3CTraceState
{
    /// <summary>The longest tracestate kept: the 512 characters the spec asks every participant to propagate.</summary>
    public const int MaxLength = 512;

    /// <summary>The most list members the spec allows.</summary>
    public const int MaxMembers = 32;

    /// <summary>The value when it is a valid, bounded tracestate; null otherwise (and for null or blank input).</summary>
    public static string? Sanitize(string? traceState)
    {
        if (string.IsNullOrWhiteSpace(traceState) || traceState.Length > MaxLength)
        {
            return null;
        }

        var members = traceState.Split(',');
        if (members.Length > MaxMembers)
        {
            return null;
        }

        var kept = new List<string>(members.Length);
        foreach (var raw in members)
        {
            var member = raw.Trim(' ', '\t');
            if (member.Length == 0)
            {
                continue; // empty list members are allowed and ignored
            }

            if (!Member().IsMatch(member))
            {
                return null;
            }

            kept.Add(member);
        }

        return kept.Count == 0 ? null : string.Join(',', kept);
    }

    // key = simple-key / multi-tenant-key; value = 0*255(chr) nblk-chr (chr: 0x20-0x7E but ',' and '=').
    [GeneratedRegex(@"^(?:[a-z][_0-9a-z\-\*/]{0,255}|[a-z0-9][_0-9a-z\-\*/]{0,240}@[a-z][_0-9a-z\-\*/]{0,13})=[\x20-\x2B\x2D-\x3C\x3E-\x7E]{0,255}[\x21-\x2B\x2D-\x3C\x3E-\x7E]$", RegexOptions.CultureInvariant)]
    private static partial Regex Member();
}
