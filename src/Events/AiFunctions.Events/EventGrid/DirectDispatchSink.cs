using AiFunctions.Events.Handling;
using AiFunctions.Events.Tracking;
using Azure.Messaging;

namespace AiFunctions.Events.EventGrid;

/// <summary>
/// <see cref="IntakeMode.Direct"/>: handles the events inside the HTTP request. A poison event answers 400 (Event Grid
/// dead-letters it if the subscription has a dead-letter destination); a transient failure throws, the host answers
/// 503 and Event Grid retries the whole delivery (handlers are idempotent, so the events done already are skipped).
/// </summary>
internal sealed class DirectDispatchSink(CloudEventDispatcher dispatcher, TimeProvider? time = null) : IInboundEventSink
{
    public async Task<IReadOnlyList<InboundEventOutcome>> AcceptAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var receipts = new List<InboundEventOutcome>(events.Count);
        foreach (var cloudEvent in events)
        {
            var outcome = await dispatcher.DispatchAsync(cloudEvent, null, cancellationToken).ConfigureAwait(false);
            switch (outcome.Disposition)
            {
                case DispatchDisposition.DeadLetter:
                    throw new EventRejectedException(outcome.Reason!, $"Event '{cloudEvent.Id}': {outcome.Description}");
                case DispatchDisposition.Retry:
                    throw new TransientIntakeException($"Event '{cloudEvent.Id}' ({cloudEvent.Type}) failed transiently ({outcome.Reason}: {outcome.Description}); retry the delivery.", outcome.Error) { RetryAfter = outcome.RetryAfter };
            }

            var disposition = outcome.Disposition == DispatchDisposition.Duplicate ? InboundEventDisposition.Duplicate : InboundEventDisposition.Handled;
            receipts.Add(new InboundEventOutcome(cloudEvent.Source, cloudEvent.Id, cloudEvent.Type, disposition, outcome.InstanceId, null, null, null, (time ?? TimeProvider.System).GetUtcNow(), InboundEventOutcome.TenantOf(cloudEvent)));
        }

        return receipts;
    }
}
