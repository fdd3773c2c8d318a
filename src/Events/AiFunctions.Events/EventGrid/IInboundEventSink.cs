using Azure.Messaging;

namespace AiFunctions.Events.EventGrid;

/// <summary>Where the intake puts accepted events.</summary>
public interface IInboundEventSink
{
    /// <summary>Accepts the events. Throws <see cref="Handling.EventRejectedException"/> for events that can never be handled.</summary>
    Task AcceptAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken);
}
