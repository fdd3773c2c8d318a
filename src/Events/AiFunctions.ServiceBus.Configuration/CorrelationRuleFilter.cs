namespace AiFunctions.ServiceBus.Configuration;

/// <summary>
/// A correlation filter: every value that is set must equal the message's value (string comparison of the
/// application property's invariant text, system properties compared ordinally; the dev broker evaluates it).
/// </summary>
public sealed class CorrelationRuleFilter
{
    /// <summary>Application properties that must be present with these values (e.g. <c>type</c>).</summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The required CorrelationId.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>The required MessageId.</summary>
    public string? MessageId { get; set; }

    /// <summary>The required Subject (the emulator calls it Label).</summary>
    public string? Label { get; set; }

    /// <summary>The required To.</summary>
    public string? To { get; set; }

    /// <summary>The required ReplyTo.</summary>
    public string? ReplyTo { get; set; }

    /// <summary>The required ReplyToSessionId.</summary>
    public string? ReplyToSessionId { get; set; }

    /// <summary>The required SessionId.</summary>
    public string? SessionId { get; set; }

    /// <summary>The required ContentType.</summary>
    public string? ContentType { get; set; }
}
