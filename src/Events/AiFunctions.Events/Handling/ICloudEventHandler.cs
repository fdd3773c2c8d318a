namespace AiFunctions.Events.Handling;

/// <summary>
/// Handles one inbound event type. Plain classes registered in DI; the dispatcher parses, checks the version,
/// binds and validates the data before calling <see cref="HandleAsync"/>. Derive from
/// <see cref="CloudEventHandler{TData}"/> rather than implementing this directly.
/// </summary>
internal interface ICloudEventHandler
{
    /// <summary>The CloudEvents <c>type</c> handled.</summary>
    string EventType { get; }

    /// <summary>Data schema versions understood; others are dead-lettered as unsupported.</summary>
    IReadOnlyCollection<int> SupportedVersions { get; }

    /// <summary>How duplicates are dropped.</summary>
    IdempotencyMode Idempotency { get; }

    /// <summary>The record the data binds to for a version.</summary>
    Type DataTypeFor(int version);

    /// <summary>
    /// Does the work. Throw <see cref="EventRejectedException"/> when the event can never succeed (dead-lettered at
    /// once); any other exception is treated as transient (retried, then the message is abandoned for redelivery).
    /// </summary>
    Task<HandlerResult> HandleAsync(InboundEvent inbound, CancellationToken cancellationToken);
}
