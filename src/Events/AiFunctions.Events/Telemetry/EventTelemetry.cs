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

    internal static readonly ActivitySource Source = new(SourceName);
}
