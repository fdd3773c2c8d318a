using AiFunctions.Events.Publishing;
using Azure.Messaging;

namespace AiFunctions.Events.Tracking;

/// <summary>Decorates the configured sink: what it sent without throwing is added to the <see cref="OutboundEventLog"/>.</summary>
internal sealed class RecordingOutboundSink(IOutboundEventSink inner, OutboundEventLog log, TimeProvider time) : IOutboundEventSink
{
    /// <summary>The configured sink this one records for.</summary>
    public IOutboundEventSink Inner => inner;

    public async Task SendAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await inner.SendAsync(events, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        foreach (var e in events)
        {
            log.Add(e, now);
        }
    }
}
