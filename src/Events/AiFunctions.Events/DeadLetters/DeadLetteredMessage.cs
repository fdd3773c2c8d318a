namespace AiFunctions.Events.DeadLetters;

/// <summary>
/// A dead-lettered message as the management UI lists it: identity, event type, why it was dead-lettered and when —
/// never the body (it may hold resumes and names).
/// </summary>
/// <param name="MessageId">The Service Bus message id (for replay); for our messages a hash of source + id.</param>
/// <param name="EventType">The CloudEvents <c>type</c> (read from the body's attributes; else the message subject).</param>
/// <param name="EventId">The CloudEvents <c>id</c> the producer gave the event, when the body is a CloudEvent.</param>
/// <param name="EventSource">The CloudEvents <c>source</c>, when the body is a CloudEvent.</param>
/// <param name="DeadLetterReason">Why: one of ours (ValidationFailed, RequisitionClosed, ...) or the broker's (MaxDeliveryCountExceeded).</param>
/// <param name="DeadLetterErrorDescription">The real cause and what to do.</param>
/// <param name="Tenant">
/// The tenant the event names (its <c>tenantid</c> extension; <c>default</c> when a CloudEvent body has none); null when
/// the body is not a CloudEvent or the extension is not a string. A tenant's callers list only their tenant's dead letters.
/// </param>
public sealed record DeadLetteredMessage(
    long SequenceNumber,
    string MessageId,
    string? EventType,
    string? CorrelationId,
    string? DeadLetterReason,
    string? DeadLetterErrorDescription,
    DateTimeOffset EnqueuedTime,
    int DeliveryCount,
    string? EventId = null,
    string? EventSource = null,
    string? Tenant = null);
