using AiFunctions.Events.Handling;
using Azure.Messaging;

namespace AiFunctions.Events.EventGrid;

/// <summary>
/// <see cref="IntakeMode.Direct"/>: handles the events inside the HTTP request. A poison event answers 400 (Event Grid
/// dead-letters it if the subscription has a dead-letter destination); a transient failure throws, the host answers
/// 503 and Event Grid retries the whole delivery (handlers are idempotent, so the events done already are skipped).
/// </summary>
internal sealed class DirectDispatchSink(CloudEventDispatcher dispatcher) : IInboundEventSink
{
    public async Task AcceptAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
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
        }
    }
}
