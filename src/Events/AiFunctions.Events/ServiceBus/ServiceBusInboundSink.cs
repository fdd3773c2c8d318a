using AiFunctions.Events.EventGrid;
using AiFunctions.Events.Tracking;
using Azure.Messaging;
using Azure.Messaging.ServiceBus;

namespace AiFunctions.Events.ServiceBus;

/// <summary>
/// The intake's default: each accepted event becomes a Service Bus message on the entity its handler listens on
/// (<see cref="EventEntityMap.EntityFor"/>). The HTTP request is answered only after Service Bus has the events, so
/// Event Grid's retries cover a failed send and the processors' retries and dead-lettering cover the handling.
/// </summary>
internal sealed class ServiceBusInboundSink(ServiceBusClient client, EventEntityMap map, IEventOutcomeStore? outcomes = null, TimeProvider? time = null) : IInboundEventSink, IAsyncDisposable
{
    private readonly Dictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task<IReadOnlyList<InboundEventOutcome>> AcceptAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var group in events.GroupBy(e => map.EntityFor(e.Type)))
        {
            var messages = group.Select(CloudEventMessages.ToMessage).ToList();
            await SenderFor(group.Key).SendMessagesAsync(messages, cancellationToken).ConfigureAwait(false);
        }

        var now = (time ?? TimeProvider.System).GetUtcNow();
        var receipts = events.Select(e => new InboundEventOutcome(e.Source, e.Id, e.Type, InboundEventDisposition.Accepted, null, map.EntityFor(e.Type), null, null, now, InboundEventOutcome.TenantOf(e))).ToList();
        if (outcomes is not null)
        {
            foreach (var receipt in receipts)
            {
                // Only where nothing newer is known: a redelivered webhook request must not hide the handler's outcome.
                if (await outcomes.GetAsync(receipt.Source, receipt.Id, cancellationToken).ConfigureAwait(false) is null)
                {
                    await outcomes.RecordAsync(receipt, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return receipts;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (entity, sender) in _senders)
        {
            await ServiceBusShutdown.CloseQuietlyAsync(() => sender.DisposeAsync().AsTask(), entity, logger: null).ConfigureAwait(false);
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
