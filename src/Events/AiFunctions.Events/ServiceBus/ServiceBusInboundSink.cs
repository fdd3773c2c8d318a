using AiFunctions.Events.EventGrid;
using AiFunctions.Events.Handling;
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

        // Every event is packed before anything is sent, so one too large for a message refuses the whole request
        // (413, nothing accepted) instead of leaving part of it sent.
        var batches = new List<(ServiceBusSender Sender, ServiceBusMessageBatch Batch)>();
        try
        {
            foreach (var group in events.GroupBy(e => map.EntityFor(e.Type)))
            {
                var sender = SenderFor(group.Key);
                foreach (var batch in await PackAsync(sender, group, cancellationToken).ConfigureAwait(false))
                {
                    batches.Add((sender, batch));
                }
            }

            // A crash between two sends leaves some sent: the delivery is retried whole and the handlers drop duplicates
            // (the message id is the event's key).
            foreach (var (sender, batch) in batches)
            {
                await sender.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var (_, batch) in batches)
            {
                batch.Dispose();
            }
        }

        var now = (time ?? TimeProvider.System).GetUtcNow();
        var receipts = events.Select(e => new InboundEventOutcome(e.Source, e.Id, e.Type, InboundEventDisposition.Accepted, null, map.EntityFor(e.Type), null, null, now, InboundEventOutcome.TenantOf(e), InboundEventOutcome.CorrelationOf(e))).ToList();
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

    /// <summary>
    /// Packs <paramref name="events"/> into as few Service Bus message batches as the entity's maximum message size
    /// allows (<see cref="ServiceBusMessageBatch.TryAddMessage"/>; a batch counts against the same limit as one message:
    /// 256 KiB on the Standard tier, up to 100 MB on Premium). An event that does not fit alone is an
    /// <see cref="EventRejectedException"/> with reason <c>MessageSizeExceeded</c> (answered 413) naming its size and the limit.
    /// </summary>
    private static async Task<List<ServiceBusMessageBatch>> PackAsync(ServiceBusSender sender, IEnumerable<CloudEvent> events, CancellationToken cancellationToken)
    {
        var batches = new List<ServiceBusMessageBatch>();
        try
        {
            var current = await sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
            batches.Add(current);
            foreach (var cloudEvent in events)
            {
                var message = CloudEventMessages.ToMessage(cloudEvent);
                if (current.TryAddMessage(message))
                {
                    continue;
                }

                if (current.Count > 0)
                {
                    current = await sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
                    batches.Add(current);
                    if (current.TryAddMessage(message))
                    {
                        continue;
                    }
                }

                throw new EventRejectedException(
                    MessageSizeExceeded,
                    $"Event '{Truncate(cloudEvent.Id)}' is {message.Body.ToMemory().Length} bytes as a Service Bus message; the largest message '{sender.EntityPath}' accepts is {current.MaxSizeInBytes} bytes. " +
                    "Send resumes by reference (upload them with POST /api/resumes and name the upload id in resumeBlobName) instead of inline, or split the event. Nothing in this request was accepted.");
            }

            return batches;
        }
        catch
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }

            throw;
        }
    }

    /// <summary>The reason of an event too large for the broker (the Service Bus SDK's <see cref="ServiceBusFailureReason.MessageSizeExceeded"/>).</summary>
    internal const string MessageSizeExceeded = nameof(ServiceBusFailureReason.MessageSizeExceeded);

    private static string Truncate(string? id) => id is null ? string.Empty : id.Length <= 64 ? id : id[..64] + "…";

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
