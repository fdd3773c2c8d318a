using System.Globalization;
using AiFunctions.Events.Contracts;
using AiFunctions.Workflows.Events;
using Azure.Messaging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.Publishing;

/// <summary>
/// The workflows' <see cref="IWorkflowEventPublisher"/> as CloudEvents: id = the workflow event's deterministic id (an
/// activity that runs twice publishes the same id, consumers drop the duplicate), source from configuration, type,
/// subject, time, dataschema from the data version, and the <c>correlationid</c> / <c>tenantid</c> extensions.
/// </summary>
public sealed class CloudEventWorkflowPublisher(IOutboundEventSink sink, IOptions<OutboundEventOptions> options) : IWorkflowEventPublisher
{
    public Task PublishAsync(WorkflowEvent workflowEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowEvent);
        return sink.SendAsync([ToCloudEvent(workflowEvent, options.Value.Source)], cancellationToken);
    }

    public static CloudEvent ToCloudEvent(WorkflowEvent workflowEvent, string source)
    {
        ArgumentNullException.ThrowIfNull(workflowEvent);
        var major = workflowEvent.DataVersion.Split('.', 2)[0];
        var version = int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : 1;
        var cloudEvent = OutboundCloudEvents.Create(source, workflowEvent.Type, BinaryData.FromString(workflowEvent.Data.GetRawText()));
        cloudEvent.Id = workflowEvent.Id;
        cloudEvent.Subject = workflowEvent.Subject;
        cloudEvent.Time = workflowEvent.Time;
        cloudEvent.DataSchema = EventSchema.UriFor(workflowEvent.Type, version).ToString();
        cloudEvent.ExtensionAttributes[CloudEventAttributes.CorrelationId] = workflowEvent.CorrelationId;
        cloudEvent.ExtensionAttributes[CloudEventAttributes.TenantId] = workflowEvent.Tenant;
        return cloudEvent;
    }
}
