namespace AiFunctions.Events.DeadLetters;

/// <summary>
/// A dead-lettered message as the management UI lists it: identity, event type, why it was dead-lettered and when —
/// never the body (it may hold resumes and names).
/// </summary>
public sealed record DeadLetteredMessage(
    long SequenceNumber,
    string MessageId,
    string? EventType,
    string? CorrelationId,
    string? DeadLetterReason,
    string? DeadLetterErrorDescription,
    DateTimeOffset EnqueuedTime,
    int DeliveryCount);
