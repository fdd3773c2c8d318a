using AiFunctions.Events.Handling;
using AiFunctions.Events.Tracking;
using Azure.Messaging;

namespace AiFunctions.Events.EventGrid;

/// <summary>
/// <see cref="IntakeMode.Direct"/>: handles the events inside the HTTP request. A transient failure throws, the host
/// answers 503 and Event Grid retries the whole delivery (handlers are idempotent, so the events done already are
/// skipped). A poison event does not stop the delivery: every other event in it is still handled, then the answer is a
/// 400 (Event Grid dead-letters the delivery if the subscription has a dead-letter destination) whose detail names each
/// refused event with its reason and what each other event became — so an invalid event in a batch neither loses the
/// valid events after it nor hides the ones handled before it. Each outcome is also recorded
/// (<c>GET /api/events/inbound</c>).
/// </summary>
internal sealed class DirectDispatchSink(CloudEventDispatcher dispatcher, TimeProvider? time = null) : IInboundEventSink
{
    public async Task<IReadOnlyList<InboundEventOutcome>> AcceptAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var receipts = new List<InboundEventOutcome>(events.Count);
        var rejected = new List<(CloudEvent Event, DispatchOutcome Outcome)>();
        foreach (var cloudEvent in events)
        {
            var outcome = await dispatcher.DispatchAsync(cloudEvent, null, cancellationToken).ConfigureAwait(false);
            switch (outcome.Disposition)
            {
                case DispatchDisposition.DeadLetter:
                    rejected.Add((cloudEvent, outcome));
                    continue;
                case DispatchDisposition.Retry:
                    throw new TransientIntakeException($"Event '{cloudEvent.Id}' ({cloudEvent.Type}) failed transiently ({outcome.Reason}: {outcome.Description}); retry the delivery.", outcome.Error) { RetryAfter = outcome.RetryAfter };
            }

            var disposition = outcome.Disposition == DispatchDisposition.Duplicate ? InboundEventDisposition.Duplicate : InboundEventDisposition.Handled;
            receipts.Add(new InboundEventOutcome(cloudEvent.Source, cloudEvent.Id, cloudEvent.Type, disposition, outcome.InstanceId, null, null, null, (time ?? TimeProvider.System).GetUtcNow(), InboundEventOutcome.TenantOf(cloudEvent), InboundEventOutcome.CorrelationOf(cloudEvent)));
        }

        if (rejected.Count == 0)
        {
            return receipts;
        }

        var refused = string.Join(" ", rejected.Select(r => $"Event '{r.Event.Id}': {r.Outcome.Description}"));
        var others = receipts.Count == 0
            ? string.Empty
            : $" The other events of this delivery were handled: {string.Join(", ", receipts.Select(r => $"'{r.Id}' {r.Disposition}{(r.InstanceId is null ? string.Empty : $" ({r.InstanceId})")}"))}; delivering them again is harmless (Duplicate).";
        throw new EventRejectedException(rejected[0].Outcome.Reason!, refused + others);
    }
}
