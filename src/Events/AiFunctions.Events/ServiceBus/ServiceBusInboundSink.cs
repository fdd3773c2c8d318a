using AiFunctions.Events.EventGrid;
using Azure.Messaging;
using Azure.Messaging.ServiceBus;

namespace AiFunctions.Events.ServiceBus;

/// <summary>
/// The intake's default: each accepted event becomes a Service Bus message on the entity its handler listens on
/// (<see cref="EventEntityMap.EntityFor"/>). The HTTP request is answered only after Service Bus has the events, so
/// Event Grid's retries cover a failed send and the processors' retries and dead-lettering cover the handling.
/// </summary>
internal sealed class ServiceBusInboundSink(ServiceBusClient client, EventEntityMap map) : IInboundEventSink, IAsyncDisposable
{
    private readonly Dictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task AcceptAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var group in events.GroupBy(e => map.EntityFor(e.Type)))
        {
            var messages = group.Select(CloudEventMessages.ToMessage).ToList();
            await SenderFor(group.Key).SendMessagesAsync(messages, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ServiceBusSender SenderFor(string entity)
    {
        lock (_gate)
        {
            if (!_senders.TryGetValue(entity, out var sender))
            {
                sender = client.CreateSender(entity);
                _senders[entity] = sender;
            }

            return sender;
        }
    }
}
