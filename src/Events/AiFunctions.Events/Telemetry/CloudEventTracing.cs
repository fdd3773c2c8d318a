using System.Diagnostics;
using Azure.Messaging;

namespace AiFunctions.Events.Telemetry;

/// <summary>
/// The CloudEvents distributed-tracing extension (<c>traceparent</c>, <c>tracestate</c>; W3C Trace Context values,
/// CloudEvents spec extensions/distributed-tracing.md) and Service Bus's <c>Diagnostic-Id</c> application property:
/// read to continue a sender's trace, written so receivers continue ours.
/// </summary>
public static class CloudEventTracing
{
    /// <summary>CloudEvents distributed-tracing extension attribute: the W3C traceparent.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>CloudEvents distributed-tracing extension attribute: the W3C tracestate.</summary>
    public const string TraceState = "tracestate";

    /// <summary>The Service Bus application property the Azure SDK uses for the sender's W3C traceparent.</summary>
    public const string DiagnosticId = "Diagnostic-Id";

    /// <summary>Writes the current span's context into <paramref name="cloudEvent"/> (no-op without a current span or when it already has one).</summary>
    public static void Inject(CloudEvent cloudEvent, Activity? activity = null)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        activity ??= Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C || cloudEvent.ExtensionAttributes.ContainsKey(TraceParent))
        {
            return;
        }

        cloudEvent.ExtensionAttributes[TraceParent] = activity.Id!;
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            cloudEvent.ExtensionAttributes[TraceState] = activity.TraceStateString;
        }
    }

    /// <summary>Reads the sender's context from the event's <c>traceparent</c>/<c>tracestate</c>; false when absent or malformed.</summary>
    public static bool TryExtract(CloudEvent cloudEvent, out ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        context = default;
        return cloudEvent.ExtensionAttributes.TryGetValue(TraceParent, out var parent) && parent is string traceParent
            && TryParse(traceParent, cloudEvent.ExtensionAttributes.TryGetValue(TraceState, out var state) ? state as string : null, out context);
    }

    /// <summary>
    /// Parses a W3C traceparent (and optional tracestate) from outside as a remote parent; false when the traceparent is
    /// malformed (<see cref="ActivityContext.TryParse(string, string, bool, out ActivityContext)"/>: version, lengths,
    /// lower-case hex, non-zero ids) or longer than the 55 characters of version 00. A tracestate that breaks the W3C
    /// rules or is longer than <see cref="W3CTraceState.MaxLength"/> is dropped (<see cref="W3CTraceState.Sanitize"/>)
    /// while the traceparent is still followed.
    /// </summary>
    public static bool TryParse(string? traceParent, string? traceState, out ActivityContext context)
    {
        context = default;
        return !string.IsNullOrWhiteSpace(traceParent) && traceParent.Length <= MaxTraceParentLength
            && ActivityContext.TryParse(traceParent, W3CTraceState.Sanitize(traceState), isRemote: true, out context);
    }

    /// <summary>The length of a version-00 traceparent (<c>00-{32 hex}-{16 hex}-{2 hex}</c>).</summary>
    public const int MaxTraceParentLength = 55;

    /// <summary>
    /// Starts the span that processes one inbound event: a child of the sender's context (the event's traceparent, else
    /// the message's Diagnostic-Id, else the current span). When the current span belongs to another trace it is linked.
    /// </summary>
    internal static Activity? StartProcessing(string name, CloudEvent cloudEvent, string? diagnosticId)
    {
        var current = Activity.Current;
        ActivityContext parent = default;
        if (!TryExtract(cloudEvent, out parent) && !TryParse(diagnosticId, null, out parent))
        {
            return EventTelemetry.Source.StartActivity(name, ActivityKind.Consumer);
        }

        if (current is not null && current.TraceId == parent.TraceId)
        {
            // The transport's own span (e.g. the Service Bus processor's) already continues the sender's trace.
            return EventTelemetry.Source.StartActivity(name, ActivityKind.Consumer);
        }

        ActivityLink[]? links = current is null ? null : [new ActivityLink(current.Context)];
        return EventTelemetry.Source.StartActivity(name, ActivityKind.Consumer, parent, links: links);
    }
}
