using Azure.Messaging;

namespace AiFunctions.Events.Publishing;

/// <summary>Sends outbound CloudEvents somewhere (Event Grid, a Service Bus topic, or nowhere).</summary>
internal interface IOutboundEventSink
{
    Task SendAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken);
}
