using System.Diagnostics;

namespace AiFunctions.Events.Telemetry;

/// <summary>
/// Names of the event side's telemetry sources (for OpenTelemetry's AddSource/AddMeter) and its attribute names
/// (CloudEvents semantic conventions where they exist; docs/observability.md lists them).
/// </summary>
public static class EventTelemetry
{
    /// <summary>ActivitySource and Meter name.</summary>
    public const string SourceName = "AiFunctions.Events";

    /// <summary>OpenTelemetry CloudEvents convention: the event id.</summary>
    public const string EventIdAttribute = "cloudevents.event_id";

    /// <summary>OpenTelemetry CloudEvents convention: the event type.</summary>
    public const string EventTypeAttribute = "cloudevents.event_type";

    /// <summary>OpenTelemetry CloudEvents convention: the event source.</summary>
    public const string EventSourceAttribute = "cloudevents.event_source";

    /// <summary>OpenTelemetry CloudEvents convention: the spec version.</summary>
    public const string SpecVersionAttribute = "cloudevents.event_spec_version";

    /// <summary>What the dispatcher decided: <c>handled</c>, <c>duplicate</c>, <c>dead_letter</c> or <c>retry</c>.</summary>
    public const string DispositionAttribute = "aifunctions.events.disposition";

    /// <summary>The dead-letter reason (one of <c>DeadLetterReasons</c>).</summary>
    public const string DeadLetterReasonAttribute = "aifunctions.events.dead_letter.reason";

    /// <summary>The Service Bus entity path a message came from.</summary>
    public const string EntityAttribute = "messaging.destination.name";

    /// <summary>The Durable instance an event started (when it started one).</summary>
    public const string InstanceIdAttribute = "aifunctions.durable.instance_id";

    /// <summary>The longest sender-chosen identifier (event id, source) copied into a span attribute or a log record as is.</summary>
    public const int MaxIdentifierLength = 256;

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// A sender-chosen identifier as telemetry may carry it: as is when it is 1-<see cref="MaxIdentifierLength"/>
    /// printable ASCII characters, else <c>sha256:</c> + the first 16 hex digits of its SHA-256 (the same input gives
    /// the same value, so it can still be matched), so an event cannot put kilobytes of text, control characters or
    /// line breaks into every span and log line that names it.
    /// </summary>
    public static string Identifier(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value.Length <= MaxIdentifierLength && value.All(c => c is >= ' ' and <= '~'))
        {
            return value;
        }

        return "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));
    }
}
