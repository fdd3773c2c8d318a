using AiFunctions.Events.EventGrid;
using Azure.Messaging;

namespace AiFunctions.Events.Tests.Support;

internal sealed class CapturingSink : IInboundEventSink
{
    public List<CloudEvent> Accepted { get; } = [];

    public Task AcceptAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        Accepted.AddRange(events);
        return Task.CompletedTask;
    }
}
