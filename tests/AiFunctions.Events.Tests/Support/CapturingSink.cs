using AiFunctions.Events.EventGrid;
using AiFunctions.Events.Tracking;
using Azure.Messaging;

namespace AiFunctions.Events.Tests.Support;

internal sealed class CapturingSink : IInboundEventSink
{
    public List<CloudEvent> Accepted { get; } = [];

    public Task<IReadOnlyList<InboundEventOutcome>> AcceptAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        Accepted.AddRange(events);
        return Task.FromResult<IReadOnlyList<InboundEventOutcome>>(
            [.. events.Select(e => new InboundEventOutcome(e.Source, e.Id, e.Type, InboundEventDisposition.Accepted, null, "captured", null, null, DateTimeOffset.UnixEpoch))]);
    }
}
