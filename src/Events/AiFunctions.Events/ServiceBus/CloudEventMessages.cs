using AiFunctions.Events.Contracts;
using System.Diagnostics;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Telemetry;
using Azure.Messaging;
using Azure.Messaging.ServiceBus;

namespace AiFunctions.Events.ServiceBus;

/// <summary>
/// CloudEvents on Service Bus, structured mode: the body is the CloudEvent JSON; the message id is the event's
/// deterministic key (source + id), so Service Bus duplicate detection (in Azure) and our handlers see duplicates as
/// such; Subject and the application property <c>type</c> carry the event type for subscription correlation filters;
/// CorrelationId carries the <c>correlationid</c> extension.
/// </summary>
internal static class CloudEventMessages
{
    public const string ContentType = "application/cloudevents+json; charset=utf-8";

    /// <summary>The application property subscription filters match on.</summary>
    public const string TypeProperty = "type";

    public static ServiceBusMessage ToMessage(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var message = new ServiceBusMessage(BinaryData.FromObjectAsJson(cloudEvent))
        {
            MessageId = EventKeys.For(cloudEvent.Source, cloudEvent.Id),
            ContentType = ContentType,
            Subject = cloudEvent.Type,
        };
        message.ApplicationProperties[TypeProperty] = cloudEvent.Type;

        // The sender's trace for Service Bus-aware receivers: the event's own traceparent, else the current span.
        var traceParent = cloudEvent.ExtensionAttributes.TryGetValue(CloudEventTracing.TraceParent, out var p) ? p?.ToString() : Activity.Current?.Id;
        if (!string.IsNullOrEmpty(traceParent))
        {
            message.ApplicationProperties[CloudEventTracing.DiagnosticId] = traceParent;
        }

        if (cloudEvent.ExtensionAttributes.TryGetValue(CloudEventAttributes.CorrelationId, out var correlation) && correlation is not null)
        {
            message.CorrelationId = correlation.ToString();
        }

        return message;
    }
}
