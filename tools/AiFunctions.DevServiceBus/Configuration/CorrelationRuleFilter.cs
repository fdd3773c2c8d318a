using System.Globalization;
using AiFunctions.DevServiceBus.Entities;

namespace AiFunctions.DevServiceBus.Configuration;

/// <summary>
/// A correlation filter: every value that is set must equal the message's value (string comparison of the
/// application property's invariant text, system properties compared ordinally).
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

    internal bool Matches(MessageFacts message)
    {
        if (!Same(CorrelationId, message.CorrelationId) || !Same(MessageId, message.MessageId) ||
            !Same(Label, message.Subject) || !Same(To, message.To) || !Same(ReplyTo, message.ReplyTo) ||
            !Same(ReplyToSessionId, message.ReplyToSessionId) || !Same(SessionId, message.SessionId) ||
            !Same(ContentType, message.ContentType))
        {
            return false;
        }

        foreach (var (key, expected) in Properties)
        {
            if (!message.ApplicationProperties.TryGetValue(key, out var actual) || actual is null ||
                !string.Equals(Convert.ToString(actual, CultureInfo.InvariantCulture), expected, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    static bool Same(string? expected, string? actual) =>
        expected is null || string.Equals(expected, actual, StringComparison.Ordinal);
}
