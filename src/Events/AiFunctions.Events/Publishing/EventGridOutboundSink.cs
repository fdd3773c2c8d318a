using Azure.Messaging;
using Azure.Messaging.EventGrid;

namespace AiFunctions.Events.Publishing;

/// <summary>Publishes to an Event Grid topic in the CloudEvents 1.0 schema.</summary>
internal sealed class EventGridOutboundSink(EventGridPublisherClient client) : IOutboundEventSink
{
    public async Task SendAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken) =>
        await client.SendEventsAsync(events, cancellationToken).ConfigureAwait(false);
}
