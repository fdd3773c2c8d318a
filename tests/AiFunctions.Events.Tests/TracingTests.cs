using System.Diagnostics;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Requisitions;
using AiFunctions.Events.ServiceBus;
using AiFunctions.Events.Telemetry;
using AiFunctions.Events.Tests.Support;
using Azure.Messaging;

namespace AiFunctions.Events.Tests;

/// <summary>The CloudEvents distributed-tracing extension and Service Bus Diagnostic-Id, in and out.</summary>
public sealed class TracingTests : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly ActivityListener _listener;
    private readonly ActivitySource _test = new("AiFunctions.Events.Tests.Tracing");

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is EventTelemetry.SourceName || s == _test,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (_spans) { _spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _test.Dispose();
    }

    private static CloudEventDispatcher Dispatcher() => Dispatchers.Create(Dispatchers.RealHandlers(new InMemoryRequisitionStore(), new RecordingStarter()));

    private Activity ProcessSpan(string eventId)
    {
        lock (_spans)
        {
            return Assert.Single(_spans, s => s.Source.Name == EventTelemetry.SourceName && (string?)s.GetTagItem(EventTelemetry.EventIdAttribute) == eventId);
        }
    }

    [Fact]
    public async Task The_events_traceparent_is_the_parent_and_the_transports_span_of_another_trace_is_a_link()
    {
        var producer = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var cloudEvent = TestEvents.Create(HrEventTypes.RequisitionOpened, TestEvents.Requisition("req-trace-1"), id: "evt-trace-1");
        cloudEvent.ExtensionAttributes[CloudEventTracing.TraceParent] = $"00-{producer.TraceId}-{producer.SpanId}-01";
        cloudEvent.ExtensionAttributes[CloudEventTracing.TraceState] = "vendor=1";

        using (var transport = _test.StartActivity("transport"))
        {
            var outcome = await Dispatcher().DispatchAsync(cloudEvent, null, default);
            Assert.Equal(DispatchDisposition.Handled, outcome.Disposition);
            var span = ProcessSpan("evt-trace-1");
            Assert.Equal(producer.TraceId, span.TraceId);
            Assert.Equal(producer.SpanId, span.ParentSpanId);
            Assert.Equal("vendor=1", span.TraceStateString);
            Assert.Equal(transport!.Context, Assert.Single(span.Links).Context);
            Assert.Equal(ActivityKind.Consumer, span.Kind);
            Assert.Equal("handled", span.GetTagItem(EventTelemetry.DispositionAttribute));
            Assert.Equal(HrEventTypes.RequisitionOpened, span.GetTagItem(EventTelemetry.EventTypeAttribute));
        }
    }

    [Fact]
    public async Task Without_a_traceparent_the_service_bus_diagnostic_id_is_the_parent()
    {
        var sender = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var body = TestEvents.Json(TestEvents.Create(HrEventTypes.RequisitionOpened, TestEvents.Requisition("req-trace-2"), id: "evt-trace-2"));

        await Dispatcher().DispatchAsync(body, null, $"00-{sender.TraceId}-{sender.SpanId}-01", default);

        var span = ProcessSpan("evt-trace-2");
        Assert.Equal(sender.TraceId, span.TraceId);
        Assert.Equal(sender.SpanId, span.ParentSpanId);
    }

    [Fact]
    public async Task A_malformed_traceparent_is_ignored_and_the_current_span_is_the_parent()
    {
        var cloudEvent = TestEvents.Create(HrEventTypes.RequisitionOpened, TestEvents.Requisition("req-trace-3"), id: "evt-trace-3");
        cloudEvent.ExtensionAttributes[CloudEventTracing.TraceParent] = "not-a-traceparent";
        using var current = _test.StartActivity("current");

        await Dispatcher().DispatchAsync(cloudEvent, null, "also-garbage", default);

        var span = ProcessSpan("evt-trace-3");
        Assert.Equal(current!.TraceId, span.TraceId);
        Assert.Equal(current.SpanId, span.ParentSpanId);
    }

    [Fact]
    public async Task An_unknown_type_is_tagged_unknown_not_with_the_senders_string()
    {
        await Dispatcher().DispatchAsync(TestEvents.Create("x.attacker.controlled-" + Guid.NewGuid(), new { a = 1 }, id: "evt-trace-4"), null, default);

        var span = ProcessSpan("evt-trace-4");
        Assert.Equal("process unknown", span.DisplayName);
        Assert.Equal("unknown", span.GetTagItem(EventTelemetry.EventTypeAttribute));
        Assert.Equal("dead_letter", span.GetTagItem(EventTelemetry.DispositionAttribute));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public void Outbound_events_and_messages_carry_the_current_trace()
    {
        using var current = _test.StartActivity("publishing activity");
        current!.TraceStateString = "ours=1";
        var cloudEvent = new CloudEvent("/ai", AiEventTypes.ScreeningCompleted, new { batchId = "b" }) { Id = "out-1" };

        CloudEventTracing.Inject(cloudEvent);
        var message = CloudEventMessages.ToMessage(cloudEvent);

        Assert.Equal(current.Id, cloudEvent.ExtensionAttributes[CloudEventTracing.TraceParent]);
        Assert.Equal("ours=1", cloudEvent.ExtensionAttributes[CloudEventTracing.TraceState]);
        Assert.Equal(current.Id, message.ApplicationProperties[CloudEventTracing.DiagnosticId]);
        Assert.True(CloudEventTracing.TryExtract(CloudEvent.Parse(BinaryData.FromObjectAsJson(cloudEvent))!, out var parsed));
        Assert.Equal(current.TraceId, parsed.TraceId);
    }
}

/// <summary>The W3C tracestate rules applied to a tracestate that arrives in a CloudEvent.</summary>
public sealed class W3CTraceStateTests
{
    [Theory]
    [InlineData("vendor=1", "vendor=1")]
    [InlineData("congo=t61rcWkgMzE, rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7")]
    [InlineData("tenant1@vendor=opaque-value", "tenant1@vendor=opaque-value")]
    [InlineData("a=1,,b=2", "a=1,b=2")]
    public void A_valid_tracestate_is_kept(string input, string expected) => Assert.Equal(expected, AiFunctions.Events.Telemetry.W3CTraceState.Sanitize(input));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("novalue")]
    [InlineData("UPPER=1")]              // keys are lower case
    [InlineData("k=v=w")]                // '=' is not a value character
    [InlineData("k=line\nbreak")]        // control characters
    [InlineData("k=naïve")]              // non-ASCII
    [InlineData("9key=1")]               // a simple key starts with a letter
    public void A_tracestate_that_breaks_the_grammar_is_dropped(string input) => Assert.Null(AiFunctions.Events.Telemetry.W3CTraceState.Sanitize(input));

    [Fact]
    public void More_than_32_members_or_more_than_512_characters_are_dropped()
    {
        Assert.NotNull(AiFunctions.Events.Telemetry.W3CTraceState.Sanitize(string.Join(',', Enumerable.Range(0, 32).Select(i => $"k{i}=v"))));
        Assert.Null(AiFunctions.Events.Telemetry.W3CTraceState.Sanitize(string.Join(',', Enumerable.Range(0, 33).Select(i => $"k{i}=v"))));
        Assert.NotNull(AiFunctions.Events.Telemetry.W3CTraceState.Sanitize("k=" + new string('v', 256)));
        Assert.Null(AiFunctions.Events.Telemetry.W3CTraceState.Sanitize("k=" + new string('v', 257)));
        Assert.Equal("k=a b", AiFunctions.Events.Telemetry.W3CTraceState.Sanitize(" k=a b\t"));
        Assert.Null(AiFunctions.Events.Telemetry.W3CTraceState.Sanitize(string.Join(',', Enumerable.Range(0, 3).Select(i => $"k{i}={new string('v', 200)}"))));
    }
}
