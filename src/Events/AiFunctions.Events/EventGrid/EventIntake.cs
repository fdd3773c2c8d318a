using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using AiFunctions.Kernel.Errors;
using AiFunctions.Workflows.Failures;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.EventGrid;

/// <summary>
/// The Event Grid / CloudEvents webhook protocol, framework-free: authentication, the CloudEvents OPTIONS handshake,
/// the Event Grid SubscriptionValidationEvent handshake, and parsing single events and batches in both schemas with
/// Azure.Messaging.EventGrid / Azure.Messaging.CloudEvent. Accepted events go to the <see cref="IInboundEventSink"/>.
/// </summary>
public sealed class EventIntake(IInboundEventSink sink, IOptions<EventIntakeOptions> options)
{
    public const string CloudEventsContentType = "application/cloudevents+json";
    public const string CloudEventsBatchContentType = "application/cloudevents-batch+json";

    /// <summary>The Retry-After of a 503 when the failure gave none.</summary>
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(10);

    private static readonly HashSet<string> KnownTypes = EventSchemas.Inbound.Select(s => s.Type).ToHashSet(StringComparer.Ordinal);

    public async Task<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = options.Value;
        if (!IsAuthenticated(request, o))
        {
            return WebhookResponse.Problem(401, "Missing or wrong event intake key",
                $"Send the shared key in the '{o.KeyHeaderName}' header or the 'code' query parameter (AiFunctions:Events:Intake:SharedKey).");
        }

        if (HttpMethods(request.Method, "OPTIONS"))
        {
            return Handshake(request, o);
        }

        if (!HttpMethods(request.Method, "POST"))
        {
            return WebhookResponse.Problem(405, "Method not allowed", "Deliver events with POST; the CloudEvents validation handshake uses OPTIONS.");
        }

        if (request.Body.ToMemory().Length > o.MaxBodyBytes)
        {
            return WebhookResponse.Problem(413, "Request too large", $"The body is {request.Body.ToMemory().Length} bytes; the limit is {o.MaxBodyBytes}. Send smaller batches.");
        }

        IReadOnlyList<CloudEvent> events;
        try
        {
            var parsed = Parse(request);
            if (parsed.ValidationCode is not null)
            {
                return new WebhookResponse(200) { Json = new Dictionary<string, string> { ["validationResponse"] = parsed.ValidationCode } };
            }

            events = parsed.Events;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            return WebhookResponse.Problem(400, "Not an Event Grid or CloudEvents payload",
                $"{ex.Message} Send Event Grid schema (a JSON array of events) or CloudEvents 1.0 ({CloudEventsContentType}, or {CloudEventsBatchContentType} for a batch).");
        }

        if (events.Count == 0)
        {
            return WebhookResponse.Problem(400, "No events", "The request holds no events.");
        }

        var unknown = events.Select(e => e.Type).Where(t => !KnownTypes.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return WebhookResponse.Problem(400, "Unknown event type",
                $"No handler for {string.Join(", ", unknown.Select(t => $"'{t}'"))}. Accepted types: {string.Join(", ", KnownTypes.Order(StringComparer.Ordinal))}. Nothing in this request was accepted.");
        }

        IReadOnlyList<Tracking.InboundEventOutcome> receipts;
        try
        {
            receipts = await sink.AcceptAsync(events, cancellationToken).ConfigureAwait(false);
        }
        catch (EventRejectedException ex)
        {
            return WebhookResponse.Problem(StatusFor(ex.Reason, null), ex.Reason, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = ex is TransientIntakeException t ? new ClassifiedFailure(FailureReasons.DependencyUnavailable, true, t.RetryAfter, t.Message) : EventFailures.Classify(ex);
            if (!failure.IsTransient)
            {
                return WebhookResponse.Problem(StatusFor(failure.Reason, ex), failure.Reason, $"{failure.Description} Nothing in this request was accepted.");
            }

            // Nothing is acknowledged: Event Grid (or the caller) retries the delivery; handlers drop what was done already.
            var wait = failure.RetryAfter is { } hinted && hinted > DefaultRetryAfter ? hinted : DefaultRetryAfter;
            var status = failure.Reason == nameof(AiFailureReason.RateLimitExceeded) ? 429 : 503;
            return WebhookResponse.Problem(status, "Events could not be accepted now", $"Retry the delivery later. {failure}") with
            {
                Headers = new Dictionary<string, string> { ["Retry-After"] = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture) },
            };
        }

        return new WebhookResponse(200) { Json = new WebhookAccepted(events.Count, receipts) };
    }

    /// <summary>
    /// The status of a permanent failure (docs/kernel.md, the failure table's webhook column): 413 when the events are too
    /// large for the broker (<c>MessageSizeExceeded</c>); 422 when a model refused the content, its answer stayed
    /// schema-invalid, or our own provider configuration cannot serve it (<c>Unauthorized</c>, <c>NotSupported</c>: the
    /// problem details name it); 429 for an exhausted budget; 500 when the cause is on our side and not the sender's (a
    /// defect, our storage or broker refusing us: Event Grid keeps retrying while it is fixed, nothing is lost); 400
    /// otherwise (the events cannot be handled as sent).
    /// </summary>
    private static int StatusFor(string reason, Exception? exception) =>
        exception is ServiceBusException { Reason: ServiceBusFailureReason.MessageSizeExceeded } ? 413
        : reason switch
        {
            nameof(ServiceBusFailureReason.MessageSizeExceeded) => 413,
            nameof(AiFailureReason.ContentFiltered) or nameof(AiFailureReason.StructuredOutputInvalid)
                or nameof(AiFailureReason.Unauthorized) or nameof(AiFailureReason.NotSupported) => 422,
            nameof(AiFailureReason.BudgetExceeded) => 429,
            FailureReasons.Unexpected or FailureReasons.DependencyRejected or FailureReasons.StorageRejected => 500,
            _ => 400,
        };

    private static bool HttpMethods(string method, string expected) => string.Equals(method, expected, StringComparison.OrdinalIgnoreCase);

    private static bool IsAuthenticated(WebhookRequest request, EventIntakeOptions o)
    {
        if (string.IsNullOrEmpty(o.SharedKey))
        {
            return false;
        }

        var presented = request.GetHeader(o.KeyHeaderName) ?? request.GetQuery("code");
        return presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(o.SharedKey));
    }

    /// <summary>
    /// CloudEvents HTTP webhook abuse protection (HTTP 1.1 Web Hooks for Event Delivery, section 4.2):
    /// WebHook-Request-Origin → WebHook-Allowed-Origin; WebHook-Request-Rate → WebHook-Allowed-Rate, which the spec says
    /// MUST be returned when the sender asked for a rate and SHOULD be returned otherwise, so it always is: the
    /// configured <see cref="EventIntakeOptions.AllowedRate"/>, or the requested rate when that is lower.
    /// A WebHook-Request-Rate that is not a positive integer is a 400 naming the header.
    /// </summary>
    private static WebhookResponse Handshake(WebhookRequest request, EventIntakeOptions o)
    {
        var origin = request.GetHeader("WebHook-Request-Origin");
        if (string.IsNullOrWhiteSpace(origin))
        {
            return WebhookResponse.Problem(400, "Missing WebHook-Request-Origin",
                "The CloudEvents validation handshake (OPTIONS) must name the sender in the WebHook-Request-Origin header.");
        }

        // The origin is echoed in a response header: validate it first (a DNS name, CloudEvents webhook spec 4.1), so
        // control characters or non-ASCII never reach the header writer (which would fail the response with a 500).
        if (origin.Length > 253 || !origin.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':'))
        {
            return WebhookResponse.Problem(400, "Invalid WebHook-Request-Origin",
                "WebHook-Request-Origin must be the sender's host name (at most 253 ASCII letters, digits, '.', '-', '_' or ':'); it holds other characters.");
        }

        if (o.AllowedOrigins.Count > 0 && !o.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            return WebhookResponse.Problem(403, "Origin not allowed",
                $"'{origin}' is not in AiFunctions:Events:Intake:AllowedOrigins.");
        }

        int? requested = null;
        if (request.GetHeader("WebHook-Request-Rate") is { } requestedText)
        {
            if (!int.TryParse(requestedText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
            {
                return WebhookResponse.Problem(400, "Invalid WebHook-Request-Rate",
                    $"WebHook-Request-Rate must be a positive integer (requests per minute); got '{Truncate(requestedText, 40)}'.");
            }

            requested = rate;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["WebHook-Allowed-Origin"] = origin,
            ["WebHook-Allowed-Rate"] = AllowedRate(o.AllowedRate, requested),
            ["Allow"] = "POST, OPTIONS",
        };
        return new WebhookResponse(200) { Headers = headers };
    }

    /// <summary>The rate granted: the configured one ("*" or a number), lowered to the sender's request when that is smaller.</summary>
    private static string AllowedRate(string configured, int? requested)
    {
        var limit = int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        return requested is { } r && (limit is null || r < limit) ? r.ToString(CultureInfo.InvariantCulture) : configured;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static (IReadOnlyList<CloudEvent> Events, string? ValidationCode) Parse(WebhookRequest request)
    {
        var mediaType = request.ContentType?.Split(';', 2)[0].Trim() ?? string.Empty;
        if (mediaType.Equals(CloudEventsContentType, StringComparison.OrdinalIgnoreCase))
        {
            return ([CloudEvent.Parse(WithoutNullAttributes(request.Body)) ?? throw new FormatException("The body is JSON null.")], null);
        }

        if (mediaType.Equals(CloudEventsBatchContentType, StringComparison.OrdinalIgnoreCase))
        {
            return (CloudEvent.ParseMany(WithoutNullAttributes(request.Body)), null);
        }

        // CloudEvents HTTP binding, binary mode (§3.1): the attributes in ce-* headers, the body is the data. The default
        // of several CloudEvents SDKs; without this it was parsed as an Event Grid event and refused with a message
        // about Event Grid fields the sender never meant to send.
        if (request.GetHeader("ce-specversion") is { } specVersion)
        {
            return ([FromBinaryMode(request, specVersion)], null);
        }

        // application/json (Event Grid schema, or CloudEvents sent as plain JSON): tell them apart by their attributes.
        using var document = JsonDocument.Parse(request.Body);
        var first = document.RootElement.ValueKind switch
        {
            JsonValueKind.Array => document.RootElement.EnumerateArray().FirstOrDefault(),
            JsonValueKind.Object => document.RootElement,
            _ => throw new FormatException("The body must be a JSON object or array."),
        };
        if (first.ValueKind == JsonValueKind.Object && first.TryGetProperty("specversion", out _))
        {
            return (CloudEvent.ParseMany(WithoutNullAttributes(request.Body)), null);
        }

        var gridEvents = EventGridEvent.ParseMany(request.Body);
        foreach (var gridEvent in gridEvents)
        {
            if (gridEvent.TryGetSystemEventData(out var systemData) && systemData is SubscriptionValidationEventData validation)
            {
                return ([], validation.ValidationCode);
            }
        }

        return (gridEvents.Select(ToCloudEvent).ToList(), null);
    }

    private static string? TenantInData(BinaryData? data)
    {
        if (data is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(data.ToMemory());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("tenantId", out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 } text
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A binary-mode CloudEvent (CloudEvents HTTP protocol binding 1.0, §3.1): <c>ce-id</c>, <c>ce-source</c>,
    /// <c>ce-type</c> required; <c>ce-subject</c>, <c>ce-time</c> (RFC 3339), <c>ce-dataschema</c> and the extensions this
    /// service reads (<c>ce-tenantid</c>, <c>ce-correlationid</c>) optional; header values percent-decoded (§3.1.3.2);
    /// Content-Type is <c>datacontenttype</c> and the body the data. A missing or malformed attribute is a
    /// <see cref="FormatException"/> naming its header (answered 400).
    /// </summary>
    private static CloudEvent FromBinaryMode(WebhookRequest request, string specVersion)
    {
        if (!string.Equals(specVersion.Trim(), "1.0", StringComparison.Ordinal))
        {
            throw new FormatException($"ce-specversion '{Truncate(specVersion, 20)}' is not supported: send 1.0.");
        }

        string? Header(string name) => request.GetHeader("ce-" + name) is { } value && !string.IsNullOrWhiteSpace(value) ? Uri.UnescapeDataString(value.Trim()) : null;
        string Required(string name) => Header(name) ?? throw new FormatException($"A binary-mode CloudEvent needs the ce-{name} header; it is missing or empty.");

        var body = request.Body.ToMemory().Length == 0 ? null : request.Body;
        var cloudEvent = new CloudEvent(Required("source"), Required("type"), body, request.ContentType ?? CloudEventAttributes.JsonContentType, CloudEventDataFormat.Binary)
        {
            Id = Required("id"),
            Subject = Header("subject"),
            DataSchema = Header("dataschema"),
        };
        if (Header("time") is { } time)
        {
            cloudEvent.Time = DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                ? at
                : throw new FormatException($"ce-time '{Truncate(time, 40)}' is not an RFC 3339 timestamp.");
        }

        foreach (var extension in new[] { CloudEventAttributes.TenantId, CloudEventAttributes.CorrelationId })
        {
            if (Header(extension) is { } value)
            {
                cloudEvent.ExtensionAttributes[extension] = value;
            }
        }

        return cloudEvent;
    }

    /// <summary>
    /// CloudEvents attributes sent as JSON null are treated as absent (what generated clients send for unset optional
    /// attributes such as <c>subject</c> or <c>time</c>); <c>data</c> is left as sent.
    /// </summary>
    private static BinaryData WithoutNullAttributes(BinaryData body)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body.ToMemory().Span);
        var events = node switch
        {
            System.Text.Json.Nodes.JsonArray array => array.OfType<System.Text.Json.Nodes.JsonObject>(),
            System.Text.Json.Nodes.JsonObject one => [one],
            _ => [],
        };
        var changed = false;
        foreach (var cloudEvent in events)
        {
            foreach (var name in cloudEvent.Where(p => p.Value is null && p.Key != "data").Select(p => p.Key).ToList())
            {
                cloudEvent.Remove(name);
                changed = true;
            }
        }

        return changed ? BinaryData.FromString(node!.ToJsonString()) : body;
    }

    /// <summary>
    /// Maps an Event Grid schema event to a CloudEvent (data.tenantId → the tenantid extension): topic → source, eventType → type, subject, eventTime → time,
    /// dataVersion (major) → dataschema, id kept (so duplicates stay recognisable).
    /// </summary>
    private static CloudEvent ToCloudEvent(EventGridEvent e)
    {
        var cloudEvent = new CloudEvent(e.Topic ?? "eventgrid", e.EventType, e.Data, CloudEventAttributes.JsonContentType, CloudEventDataFormat.Binary)
        {
            Id = e.Id,
            Subject = e.Subject,
            Time = e.EventTime,
        };
        // Event Grid schema has no extension attributes: a tenant travels as "tenantId" in data (docs/events.md).
        if (TenantInData(e.Data) is { } tenant)
        {
            cloudEvent.ExtensionAttributes[CloudEventAttributes.TenantId] = tenant;
        }

        var major = e.DataVersion?.Split('.', 2)[0];
        if (int.TryParse(major, out var version) && version > 0)
        {
            cloudEvent.DataSchema = EventSchema.UriFor(e.EventType, version).ToString();
        }

        return cloudEvent;
    }
}
