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
internal sealed class CloudEventWorkflowPublisher(IOutboundEventSink sink, IOptions<OutboundEventOptions> options) : IWorkflowEventPublisher
{
    public Task PublishAsync(WorkflowEvent workflowEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowEvent);
        var cloudEvent = ToCloudEvent(workflowEvent, options.Value.Source);
        CloudEventTracing.Inject(cloudEvent);
        return sink.SendAsync([cloudEvent], cancellationToken);
    }

    /// <summary>
    /// The event data as its consumers address things: a <c>batchId</c> or <c>jobDescriptionId</c> that is the tenant's
    /// scoped key (<see cref="Workflows.ResourceIds.Scope"/>) becomes the plain id the tenant's principals use in the API;
    /// the tenant travels in the <c>tenantid</c> attribute.
    /// </summary>
    private static BinaryData CallerFacingData(WorkflowEvent workflowEvent)
    {
        if (System.Text.Json.Nodes.JsonNode.Parse(workflowEvent.Data.GetRawText()) is not System.Text.Json.Nodes.JsonObject data)
        {
            return BinaryData.FromString(workflowEvent.Data.GetRawText());
        }

        foreach (var name in new[] { "batchId", "jobDescriptionId" })
        {
            if (data[name] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var key))
            {
                data[name] = CallerFacing(key, workflowEvent.Tenant);
            }
        }

        return BinaryData.FromString(data.ToJsonString());
    }

    private static string CallerFacing(string key, string tenant) =>
        Workflows.ResourceIds.TryUnscope(key, out var owner, out var id) && owner == tenant ? id : key;

    public static CloudEvent ToCloudEvent(WorkflowEvent workflowEvent, string source)
    {
        ArgumentNullException.ThrowIfNull(workflowEvent);
        var major = workflowEvent.DataVersion.Split('.', 2)[0];
        var version = int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : 1;
        var cloudEvent = OutboundCloudEvents.Create(source, workflowEvent.Type, CallerFacingData(workflowEvent));
        cloudEvent.Id = workflowEvent.Id;
        cloudEvent.Subject = workflowEvent.Subject is { } subject ? string.Join('/', subject.Split('/').Select(part => CallerFacing(part, workflowEvent.Tenant))) : null;
        cloudEvent.Time = workflowEvent.Time;
        cloudEvent.DataSchema = EventSchema.UriFor(workflowEvent.Type, version).ToString();
        cloudEvent.ExtensionAttributes[CloudEventAttributes.CorrelationId] = workflowEvent.CorrelationId;
        cloudEvent.ExtensionAttributes[CloudEventAttributes.TenantId] = workflowEvent.Tenant;
        return cloudEvent;
    }
}
