using System.Globalization;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.Telemetry;
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
        var cloudEvent = ToCloudEvent(workflowEvent, options.Value.Source);
        CloudEventTracing.Inject(cloudEvent);
        return sink.SendAsync([cloudEvent], cancellationToken);
    }

    public static CloudEvent ToCloudEvent(WorkflowEvent workflowEvent, string source)
    {
        ArgumentNullException.ThrowIfNull(workflowEvent);
        var major = workflowEvent.DataVersion.Split('.', 2)[0];
        var version = int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : 1;
        var cloudEvent = new CloudEvent(source, workflowEvent.Type, BinaryData.FromString(workflowEvent.Data.GetRawText()), CloudEventAttributes.JsonContentType)
        {
            Id = workflowEvent.Id,
            Subject = workflowEvent.Subject,
            Time = workflowEvent.Time,
            DataSchema = EventSchema.UriFor(workflowEvent.Type, version).ToString(),
        };
        cloudEvent.ExtensionAttributes[CloudEventAttributes.CorrelationId] = workflowEvent.CorrelationId;
        cloudEvent.ExtensionAttributes[CloudEventAttributes.TenantId] = workflowEvent.Tenant;
        return cloudEvent;
    }
}
