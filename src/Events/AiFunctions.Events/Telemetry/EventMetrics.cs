using System.Diagnostics.Metrics;

namespace AiFunctions.Events.Telemetry;

/// <summary>The event side's System.Diagnostics.Metrics instruments (meter <see cref="EventTelemetry.SourceName"/>).</summary>
public sealed class EventMetrics : IDisposable
{
    public const string HandledName = "aifunctions.events.handled";
    public const string DeadLetteredName = "aifunctions.events.dead_lettered";
    public const string HandlerDurationName = "aifunctions.events.handler.duration";

    private readonly Meter _meter;

    public EventMetrics(IMeterFactory? meterFactory)
    {
        _meter = meterFactory?.Create(EventTelemetry.SourceName) ?? new Meter(EventTelemetry.SourceName);
        Handled = _meter.CreateCounter<long>(HandledName, "{event}", $"Events the dispatcher decided on; tags {EventTelemetry.EventTypeAttribute}, {EventTelemetry.DispositionAttribute}.");
        DeadLettered = _meter.CreateCounter<long>(DeadLetteredName, "{message}", $"Messages dead-lettered by this service; tags {EventTelemetry.EntityAttribute}, {EventTelemetry.DeadLetterReasonAttribute}.");
        HandlerDuration = _meter.CreateHistogram<double>(HandlerDurationName, "s", $"Time to dispatch one event (parse, validate, handler with its retries); tags {EventTelemetry.EventTypeAttribute}, {EventTelemetry.DispositionAttribute}.");
    }

    public Counter<long> Handled { get; }

    public Counter<long> DeadLettered { get; }

    public Histogram<double> HandlerDuration { get; }

    public void Dispose() => _meter.Dispose();
}
