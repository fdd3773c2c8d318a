using AiFunctions.Events.Tracking;
using Azure.Messaging;

namespace AiFunctions.Events.EventGrid;

/// <summary>Where the intake puts accepted events.</summary>
public interface IInboundEventSink
{
    /// <summary>
    /// Accepts the events and says what each became (handed to an entity, or handled and what it started). Throws
    /// <see cref="Handling.EventRejectedException"/> for events that can never be handled.
    /// </summary>
    Task<IReadOnlyList<InboundEventOutcome>> AcceptAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken);
}
