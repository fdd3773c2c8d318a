using Azure.Messaging;

namespace AiFunctions.Events.Handling;

/// <summary>A parsed, version-checked and validated inbound event handed to a handler.</summary>
internal sealed record InboundEvent(CloudEvent CloudEvent, int Version, object Data, string CorrelationId, string Tenant)
{
    public string Id => CloudEvent.Id;
    public string Type => CloudEvent.Type;
    public string Source => CloudEvent.Source;

    /// <summary>The deterministic key of this event (source + id, the CloudEvents identity).</summary>
    public string Key => EventKeys.For(CloudEvent.Source, CloudEvent.Id);
}
