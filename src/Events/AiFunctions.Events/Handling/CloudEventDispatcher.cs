using System.Diagnostics;
using System.Text.Json;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.Idempotency;
using AiFunctions.Events.Telemetry;
using AiFunctions.Events.Tracking;
using AiFunctions.Kernel.Context;
using Azure.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace AiFunctions.Events.Handling;

/// <summary>
/// Transport-neutral core of event handling: parse the CloudEvent, find the handler, check the schema version, bind and
/// validate the data, drop duplicates, run the handler with a short retry under the event's AI call context, and say
/// what the transport should do (<see cref="DispatchOutcome"/>). Service Bus processors and tests use it alike.
/// </summary>
internal sealed partial class CloudEventDispatcher
{
    // Enums travel as their names ("MustHave"), as docs/events.md documents; numbers are still accepted.
    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private readonly Dictionary<string, ICloudEventHandler> _handlers;
    private readonly IIdempotencyStore _idempotency;
    private readonly ILogger<CloudEventDispatcher> _logger;
    private readonly ResiliencePipeline _retry;
    private readonly EventMetrics? _metrics;
    private readonly IEventOutcomeStore? _outcomes;
    private readonly TimeProvider _time;

    public CloudEventDispatcher(IEnumerable<ICloudEventHandler> handlers, IIdempotencyStore idempotency, IOptions<EventHandlingOptions> options, ILogger<CloudEventDispatcher> logger, EventMetrics? metrics = null, IEventOutcomeStore? outcomes = null, TimeProvider? time = null)
    {
        _outcomes = outcomes;
        _time = time ?? TimeProvider.System;
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(options);
        _handlers = new(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.EventType, handler))
            {
                throw new InvalidOperationException($"Two event handlers are registered for '{handler.EventType}' ({_handlers[handler.EventType].GetType().Name} and {handler.GetType().Name}); register one.");
            }
        }

        _idempotency = idempotency;
        _logger = logger;
        _metrics = metrics;
        var o = options.Value;
        _retry = o.InHandlerRetries <= 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = o.InHandlerRetries,
                Delay = o.InHandlerRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not EventRejectedException and not OperationCanceledException && EventFailures.Classify(e).IsTransient),
            }).Build();
    }

    /// <summary>Event types with a registered handler.</summary>
    public IReadOnlyCollection<string> HandledTypes => _handlers.Keys;

    /// <summary>Dispatches one structured-mode CloudEvent (JSON). <paramref name="acceptedTypes"/> limits the types valid on this entity.</summary>
    public Task<DispatchOutcome> DispatchAsync(BinaryData body, IReadOnlyCollection<string>? acceptedTypes, CancellationToken cancellationToken) =>
        DispatchAsync(body, acceptedTypes, null, cancellationToken);

    /// <summary>
    /// Dispatches one structured-mode CloudEvent (JSON) that arrived with the transport's trace context
    /// <paramref name="diagnosticId"/> (Service Bus <c>Diagnostic-Id</c>; the event's own <c>traceparent</c> wins).
    /// </summary>
    public async Task<DispatchOutcome> DispatchAsync(BinaryData body, IReadOnlyCollection<string>? acceptedTypes, string? diagnosticId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (cloudEvent, poison) = Parse(body);
        if (poison is not null)
        {
            Record(poison, "unknown", started);
            return poison;
        }

        return await DispatchAsync(cloudEvent!, acceptedTypes, diagnosticId, cancellationToken).ConfigureAwait(false);
    }

    private static (CloudEvent? Event, DispatchOutcome? Poison) Parse(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        CloudEvent? cloudEvent;
        try
        {
            cloudEvent = CloudEvent.Parse(body, skipValidation: false);
        }
        catch (JsonException ex)
        {
            return (null, DispatchOutcome.Poison(DeadLetterReasons.MalformedJson,
                $"The message body is not valid JSON ({ex.Message}). Send a CloudEvents 1.0 JSON object (structured mode, content type application/cloudevents+json)."));
        }
        catch (ArgumentException ex)
        {
            return (null, DispatchOutcome.Poison(DeadLetterReasons.InvalidCloudEvent,
                $"The message body is not a valid CloudEvents 1.0 event: {ex.Message} Required attributes: specversion \"1.0\", id, source, type."));
        }

        if (cloudEvent is null)
        {
            return (null, DispatchOutcome.Poison(DeadLetterReasons.InvalidCloudEvent, "The message body is empty or JSON null. Send a CloudEvents 1.0 JSON object."));
        }

        return (cloudEvent, null);
    }

    /// <summary>Dispatches an already parsed CloudEvent.</summary>
    public Task<DispatchOutcome> DispatchAsync(CloudEvent cloudEvent, IReadOnlyCollection<string>? acceptedTypes, CancellationToken cancellationToken) =>
        DispatchAsync(cloudEvent, acceptedTypes, null, cancellationToken);

    /// <summary>
    /// Dispatches an already parsed CloudEvent in a "process {type}" span (Consumer) that continues the sender's trace:
    /// the event's <c>traceparent</c> extension, else <paramref name="diagnosticId"/>, else the current span.
    /// </summary>
    public async Task<DispatchOutcome> DispatchAsync(CloudEvent cloudEvent, IReadOnlyCollection<string>? acceptedTypes, string? diagnosticId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var started = Stopwatch.GetTimestamp();
        var type = _handlers.ContainsKey(cloudEvent.Type) ? cloudEvent.Type : "unknown";
        using var span = CloudEventTracing.StartProcessing("process " + type, cloudEvent, diagnosticId);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(EventTelemetry.EventIdAttribute, EventTelemetry.Identifier(cloudEvent.Id));
            span.SetTag(EventTelemetry.EventTypeAttribute, type);
            span.SetTag(EventTelemetry.EventSourceAttribute, EventTelemetry.Identifier(cloudEvent.Source));
            span.SetTag(EventTelemetry.SpecVersionAttribute, "1.0");
        }

        var outcome = await DispatchCoreAsync(cloudEvent, acceptedTypes, cancellationToken).ConfigureAwait(false);
        await RecordOutcomeAsync(cloudEvent, outcome, cancellationToken).ConfigureAwait(false);
        if (span is not null)
        {
            span.SetTag(EventTelemetry.DispositionAttribute, DispositionName(outcome.Disposition));
            if (outcome.Reason is not null && outcome.Disposition == DispatchDisposition.DeadLetter)
            {
                span.SetTag(EventTelemetry.DeadLetterReasonAttribute, outcome.Reason);
            }

            if (outcome.InstanceId is not null)
            {
                span.SetTag(EventTelemetry.InstanceIdAttribute, outcome.InstanceId);
            }

            if (outcome.Disposition is DispatchDisposition.DeadLetter or DispatchDisposition.Retry)
            {
                span.SetStatus(ActivityStatusCode.Error, outcome.Reason);
            }
        }

        Record(outcome, type, started);
        return outcome;
    }

    /// <summary>The disposition as a telemetry value: handled, duplicate, dead_letter, retry.</summary>
    public static string DispositionName(DispatchDisposition disposition) => disposition switch
    {
        DispatchDisposition.Handled => "handled",
        DispatchDisposition.Duplicate => "duplicate",
        DispatchDisposition.DeadLetter => "dead_letter",
        _ => "retry",
    };

    private void Record(DispatchOutcome outcome, string type, long started)
    {
        if (_metrics is null)
        {
            return;
        }

        var tags = new TagList { { EventTelemetry.EventTypeAttribute, type }, { EventTelemetry.DispositionAttribute, DispositionName(outcome.Disposition) } };
        _metrics.Handled.Add(1, tags);
        _metrics.HandlerDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }

    /// <summary>Records the outcome (<see cref="IEventOutcomeStore"/>) by source and id, so a sender can follow its event.</summary>
    private async Task RecordOutcomeAsync(CloudEvent cloudEvent, DispatchOutcome outcome, CancellationToken cancellationToken)
    {
        if (_outcomes is null)
        {
            return;
        }

        var disposition = outcome.Disposition switch
        {
            DispatchDisposition.Handled => InboundEventDisposition.Handled,
            DispatchDisposition.Duplicate => InboundEventDisposition.Duplicate,
            DispatchDisposition.DeadLetter => InboundEventDisposition.DeadLettered,
            _ => InboundEventDisposition.Retrying,
        };
        try
        {
            await _outcomes.RecordAsync(
                new InboundEventOutcome(cloudEvent.Source, cloudEvent.Id, cloudEvent.Type, disposition, outcome.InstanceId, null, outcome.Reason, outcome.Description, _time.GetUtcNow(), InboundEventOutcome.TenantOf(cloudEvent), InboundEventOutcome.CorrelationOf(cloudEvent)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The outcome is a diagnostic: failing to record it must not change how the event is settled. The classified
            // reason only: a storage exception's message can quote the request.
            LogOutcomeNotRecorded(_handlers.ContainsKey(cloudEvent.Type) ? cloudEvent.Type : "unknown", EventTelemetry.Identifier(cloudEvent.Id), EventFailures.Classify(ex).Reason);
        }
    }

    private async Task<DispatchOutcome> DispatchCoreAsync(CloudEvent cloudEvent, IReadOnlyCollection<string>? acceptedTypes, CancellationToken cancellationToken)
    {
        var (type, id) = (cloudEvent.Type, cloudEvent.Id);

        if (!_handlers.TryGetValue(type, out var handler) || (acceptedTypes is not null && !acceptedTypes.Contains(type)))
        {
            var accepted = acceptedTypes ?? _handlers.Keys;
            return DispatchOutcome.Poison(DeadLetterReasons.UnknownEventType,
                $"No handler for event type '{type}' here. This entity accepts: {string.Join(", ", accepted.Order(StringComparer.Ordinal))}. Check the type or send it to the entity that handles it.",
                type, id);
        }

        if (!EventSchemas.TryReadVersion(type, cloudEvent.DataSchema, out var version) || !handler.SupportedVersions.Contains(version))
        {
            var supported = string.Join(", ", handler.SupportedVersions.Select(v => EventSchema.UriFor(type, v)));
            return DispatchOutcome.Poison(DeadLetterReasons.UnsupportedSchemaVersion,
                $"dataschema '{cloudEvent.DataSchema}' is not a supported version of '{type}'. Supported: {supported} (or omit dataschema for v1).",
                type, id);
        }

        if (cloudEvent.Data is null)
        {
            return DispatchOutcome.Poison(DeadLetterReasons.ValidationFailed, $"'{type}' v{version} needs a JSON 'data' object; the event has none.", type, id);
        }

        object? data;
        try
        {
            data = JsonSerializer.Deserialize(cloudEvent.Data.ToMemory().Span, handler.DataTypeFor(version), DataJson);
        }
        catch (JsonException ex)
        {
            return DispatchOutcome.Poison(DeadLetterReasons.ValidationFailed,
                $"'data' of '{type}' v{version} does not match its schema at {ex.Path ?? "$"}: {ex.Message} See {EventSchema.UriFor(type, version)} in docs/events.md.",
                type, id);
        }

        var problems = (data as IEventData)?.Validate().ToList() ?? ["'data' is null."];
        if (data is null || problems.Count > 0)
        {
            return DispatchOutcome.Poison(DeadLetterReasons.ValidationFailed,
                $"'data' of '{type}' v{version} failed validation: {string.Join(" ", problems)} Fix the producer and replay the message.",
                type, id);
        }

        var correlationId = CloudEventAttributes.Read(cloudEvent, CloudEventAttributes.CorrelationId) ?? id;
        var tenant = CloudEventAttributes.TenantOf(cloudEvent);
        if (!Workflows.ResourceIds.IsValid(tenant))
        {
            return DispatchOutcome.Poison(DeadLetterReasons.ValidationFailed,
                $"The '{CloudEventAttributes.TenantId}' extension attribute is not a usable tenant id: use {Workflows.ResourceIds.Rule}. Fix the producer and replay the message.",
                type, id);
        }

        var inbound = new InboundEvent(cloudEvent, version, data, correlationId, tenant);

        if (handler.Idempotency == IdempotencyMode.Record && await _idempotency.ExistsAsync(inbound.Key, cancellationToken).ConfigureAwait(false))
        {
            LogDuplicate(type, EventTelemetry.Identifier(id));
            return new DispatchOutcome(DispatchDisposition.Duplicate, type, id);
        }

        using var scope = AiCallContext.Begin(new AiCallContext(tenant, "event:" + type, correlationId));
        try
        {
            var result = await _retry.ExecuteAsync(
                static async (state, ct) => await state.handler.HandleAsync(state.inbound, ct).ConfigureAwait(false),
                (handler, inbound),
                cancellationToken).ConfigureAwait(false);

            if (handler.Idempotency == IdempotencyMode.Record && !result.Duplicate)
            {
                await _idempotency.RecordAsync(inbound.Key, type, cancellationToken).ConfigureAwait(false);
            }

            if (result.Duplicate)
            {
                LogDuplicate(type, EventTelemetry.Identifier(id));
            }

            return new DispatchOutcome(result.Duplicate ? DispatchDisposition.Duplicate : DispatchDisposition.Handled, type, id) { InstanceId = result.InstanceId };
        }
        catch (EventRejectedException ex)
        {
            return DispatchOutcome.Poison(ex.Reason, ex.Message, type, id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = EventFailures.Classify(ex);
            if (!failure.IsTransient)
            {
                LogPermanent(type, EventTelemetry.Identifier(id), failure.Reason);
                return DispatchOutcome.Poison(failure.Reason, $"{failure.Description} Retrying cannot help: fix the cause and replay the message from the dead-letter queue.", type, id) with { Error = ex };
            }

            LogTransient(type, EventTelemetry.Identifier(id), failure.Reason);
            return new DispatchOutcome(DispatchDisposition.Retry, type, id) { Error = ex, Reason = failure.Reason, Description = failure.Description, RetryAfter = failure.RetryAfter };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of event {EventType} {EventId} could not be recorded ({Reason})")]
    private partial void LogOutcomeNotRecorded(string eventType, string eventId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventType} {EventId} was handled before; nothing new started")]
    private partial void LogDuplicate(string eventType, string eventId);

    // Only the classified reason is logged: an arbitrary exception's message may hold personal data from the event.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventType} {EventId} failed transiently ({Reason}); it will be retried")]
    private partial void LogTransient(string eventType, string eventId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventType} {EventId} failed permanently ({Reason}); it is dead-lettered")]
    private partial void LogPermanent(string eventType, string eventId, string reason);
}
