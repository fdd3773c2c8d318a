namespace AiFunctions.Events.Tracking;

/// <summary>
/// What became of one inbound event, identified as CloudEvents identifies it (<see cref="Source"/> + <see cref="Id"/>).
/// Read it with <c>GET /api/events/inbound?source=…&amp;id=…</c>. Holds ids and reasons only, never data.
/// </summary>
/// <param name="Disposition">Accepted (handed to <see cref="Entity"/>, not handled yet), Handled, Duplicate, DeadLettered or Retrying.</param>
/// <param name="InstanceId">The orchestration the event started (or found already started), when it starts one.</param>
/// <param name="Entity">The Service Bus entity the webhook handed the event to.</param>
/// <param name="Reason">DeadLettered: the dead-letter reason (e.g. ValidationFailed); Retrying: the failure's type.</param>
/// <param name="Description">DeadLettered / Retrying: the real cause, and what to do.</param>
/// <param name="At">When this outcome was recorded.</param>
/// <param name="Tenant">
/// The tenant the event belongs to (its <c>tenantid</c> extension; absent = <c>default</c>): only callers of that tenant
/// may read the outcome.
/// </param>
/// <param name="CorrelationId">
/// The event's <c>correlationid</c> extension (absent = its <see cref="Id"/>), carried onto the outbound events it causes;
/// null on outcomes recorded before it was kept.
/// </param>
public sealed record InboundEventOutcome(
    string Source,
    string Id,
    string Type,
    InboundEventDisposition Disposition,
    string? InstanceId,
    string? Entity,
    string? Reason,
    string? Description,
    DateTimeOffset At,
    string Tenant = InboundEventOutcome.DefaultTenant,
    string? CorrelationId = null)
{
    /// <summary>The tenant of an event without a <c>tenantid</c> extension.</summary>
    public const string DefaultTenant = Contracts.CloudEventAttributes.DefaultTenant;

    /// <summary>The tenant <paramref name="cloudEvent"/> names in its <c>tenantid</c> extension, or <see cref="DefaultTenant"/>.</summary>
    public static string TenantOf(Azure.Messaging.CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return Contracts.CloudEventAttributes.TenantOf(cloudEvent);
    }

    /// <summary>The correlation id <paramref name="cloudEvent"/> carries (<c>correlationid</c> extension), or its id.</summary>
    public static string CorrelationOf(Azure.Messaging.CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return Contracts.CloudEventAttributes.Read(cloudEvent, Contracts.CloudEventAttributes.CorrelationId) ?? cloudEvent.Id;
    }
}

/// <summary>Where an inbound event is.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<InboundEventDisposition>))]
public enum InboundEventDisposition
{
    /// <summary>The webhook handed it to a Service Bus entity; a processor will handle it.</summary>
    Accepted,

    /// <summary>Handled: its work is done or durably started.</summary>
    Handled,

    /// <summary>Seen before; nothing new was started.</summary>
    Duplicate,

    /// <summary>Can never succeed: dead-lettered (or refused by the webhook) with the reason.</summary>
    DeadLettered,

    /// <summary>Failed transiently; it will be delivered again.</summary>
    Retrying,
}
