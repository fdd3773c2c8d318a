using AiFunctions.Events.ServiceBus;
using Azure.Messaging;
using Azure.Messaging.ServiceBus;

namespace AiFunctions.Events.Publishing;

/// <summary>Publishes to a Service Bus topic (structured-mode CloudEvents, message id = the event's deterministic key).</summary>
internal sealed class ServiceBusOutboundSink(ServiceBusSender sender) : IOutboundEventSink
{
    public async Task SendAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 1)
        {
            await sender.SendMessageAsync(CloudEventMessages.ToMessage(events[0]), cancellationToken).ConfigureAwait(false);
            return;
        }

        await sender.SendMessagesAsync(events.Select(CloudEventMessages.ToMessage), cancellationToken).ConfigureAwait(false);
    }
}
