namespace AiFunctions.Events.ServiceBus;

/// <summary>The parts of a received, locked Service Bus message the settlement logic needs (a seam for unit tests).</summary>
internal interface IEventMessage
{
    BinaryData Body { get; }

    string MessageId { get; }

    /// <summary>1 on the first delivery.</summary>
    int DeliveryCount { get; }

    /// <summary>The sender's W3C traceparent from the <c>Diagnostic-Id</c> application property, when present.</summary>
    string? DiagnosticId => null;

    Task CompleteAsync(CancellationToken cancellationToken);

    Task AbandonAsync(CancellationToken cancellationToken);

    Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken);
}
