using System.Text.Json;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.EventGrid;
using AiFunctions.Events.Tests.Support;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.Tests;

/// <summary>The webhook protocol: handshakes, both schemas single and batch, authentication.</summary>
public sealed class EventIntakeTests
{
    private const string Key = "test-intake-key";
    private readonly CapturingSink _sink = new();
    private readonly EventIntakeOptions _options = new() { SharedKey = Key, AllowedRate = "120" };

    private EventIntake Intake => new(_sink, Options.Create(_options));

    private static WebhookRequest Request(string method, string? contentType, BinaryData body, string? code = Key, Dictionary<string, string>? headers = null)
    {
        var h = new Dictionary<string, string>(headers ?? [], StringComparer.OrdinalIgnoreCase);
        return new WebhookRequest(method, n => h.TryGetValue(n, out var v) ? v : null, n => n == "code" ? code : null, contentType, body);
    }

    private static BinaryData GridJson(params EventGridEvent[] events) => BinaryData.FromObjectAsJson(events);

    [Fact]
    public async Task Event_grid_subscription_validation_is_answered_with_the_validation_code()
    {
        var validation = new EventGridEvent("validation", "Microsoft.EventGrid.SubscriptionValidationEvent", "2",
            BinaryData.FromString("{\"validationCode\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\",\"validationUrl\":\"https://example.invalid/validate\"}"));

        var response = await Intake.HandleAsync(Request("POST", "application/json", GridJson(validation)), default);

        Assert.Equal(200, response.StatusCode);
        var json = JsonSerializer.Serialize(response.Json);
        Assert.Equal("{\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}", json);
        Assert.Empty(_sink.Accepted);
    }

    [Fact]
    public async Task CloudEvents_options_handshake_echoes_the_origin_and_the_allowed_rate()
    {
        var response = await Intake.HandleAsync(Request("OPTIONS", null, BinaryData.Empty, headers: new() { ["WebHook-Request-Origin"] = "eventgrid.azure.net" }), default);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers["WebHook-Allowed-Origin"]);
        Assert.Equal("120", response.Headers["WebHook-Allowed-Rate"]);
    }

    [Theory]
    [InlineData("60", "60")]
    [InlineData("120", "120")]
    [InlineData("500", "120")]
    public async Task Options_handshake_with_a_request_rate_is_answered_with_the_allowed_rate(string requested, string allowed)
    {
        var response = await Intake.HandleAsync(Request("OPTIONS", null, BinaryData.Empty, headers: new() { ["WebHook-Request-Origin"] = "eventgrid.azure.net", ["WebHook-Request-Rate"] = requested }), default);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(allowed, response.Headers["WebHook-Allowed-Rate"]);
    }

    [Fact]
    public async Task Options_handshake_with_a_request_rate_and_no_configured_rate_grants_the_request_and_otherwise_any_rate()
    {
        var intake = new EventIntake(_sink, Options.Create(new EventIntakeOptions { SharedKey = Key }));
        var origin = new Dictionary<string, string> { ["WebHook-Request-Origin"] = "eventgrid.azure.net" };

        var asked = await intake.HandleAsync(Request("OPTIONS", null, BinaryData.Empty, headers: new(origin) { ["WebHook-Request-Rate"] = "30" }), default);
        var notAsked = await intake.HandleAsync(Request("OPTIONS", null, BinaryData.Empty, headers: origin), default);

        Assert.Equal("30", asked.Headers["WebHook-Allowed-Rate"]);
        Assert.Equal("*", notAsked.Headers["WebHook-Allowed-Rate"]);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task Options_handshake_with_an_invalid_request_rate_is_a_400_naming_the_header(string requested)
    {
        var response = await Intake.HandleAsync(Request("OPTIONS", null, BinaryData.Empty, headers: new() { ["WebHook-Request-Origin"] = "eventgrid.azure.net", ["WebHook-Request-Rate"] = requested }), default);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("WebHook-Request-Rate must be a positive integer", response.ProblemDetail, StringComparison.Ordinal);
    }

    public static TheoryData<Exception, string> TransientSinkFailures => new()
    {
        { new Azure.RequestFailedException(503, "Server busy", "ServerBusy", null), "StorageUnavailable" },
        { new Azure.Messaging.ServiceBus.ServiceBusException(true, "broker busy", null, Azure.Messaging.ServiceBus.ServiceBusFailureReason.ServiceBusy), "ServiceBusy" },
        { new TimeoutException("late"), "timed out" },
    };

    [Theory]
    [MemberData(nameof(TransientSinkFailures))]
    public async Task A_transient_failure_behind_the_webhook_is_a_503_with_retry_after_and_nothing_accepted(Exception failure, string cause)
    {
        var intake = new EventIntake(new ThrowingSink(failure), Options.Create(_options));

        var response = await intake.HandleAsync(Request("POST", EventIntake.CloudEventsContentType, TestEvents.Json(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1")))), default);

        Assert.Equal(503, response.StatusCode);
        Assert.True(int.Parse(response.Headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains(cause, response.ProblemDetail, StringComparison.Ordinal);
    }

    public static TheoryData<Exception, int> PermanentSinkFailures => new()
    {
        { new Azure.Messaging.ServiceBus.ServiceBusException(false, "too big", null, Azure.Messaging.ServiceBus.ServiceBusFailureReason.MessageSizeExceeded), 413 },
        { new Azure.RequestFailedException(400, "too large", "PropertyValueTooLarge", null), 500 },
        { new Azure.Messaging.ServiceBus.ServiceBusException(false, "no entity", null, Azure.Messaging.ServiceBus.ServiceBusFailureReason.MessagingEntityNotFound), 500 },
        { new InvalidOperationException("a defect; secret: jane@example.com"), 500 },
    };

    [Theory]
    [MemberData(nameof(PermanentSinkFailures))]
    public async Task A_permanent_failure_behind_the_webhook_is_never_a_503_and_never_quotes_an_arbitrary_message(Exception failure, int status)
    {
        var intake = new EventIntake(new ThrowingSink(failure), Options.Create(_options));

        var response = await intake.HandleAsync(Request("POST", EventIntake.CloudEventsContentType, TestEvents.Json(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1")))), default);

        Assert.Equal(status, response.StatusCode);
        Assert.False(response.Headers.ContainsKey("Retry-After"));
        Assert.DoesNotContain("jane@example.com", response.ProblemDetail, StringComparison.Ordinal);
        Assert.DoesNotContain("jane@example.com", response.ProblemTitle, StringComparison.Ordinal);
    }

    private sealed class ThrowingSink(Exception failure) : IInboundEventSink
    {
        public Task<IReadOnlyList<AiFunctions.Events.Tracking.InboundEventOutcome>> AcceptAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken) =>
            Task.FromException<IReadOnlyList<AiFunctions.Events.Tracking.InboundEventOutcome>>(failure);
    }

    [Fact]
    public async Task Options_handshake_from_an_origin_not_allowed_is_refused()
    {
        _options.AllowedOrigins.Add("eventgrid.azure.net");

        var response = await Intake.HandleAsync(Request("OPTIONS", null, BinaryData.Empty, headers: new() { ["WebHook-Request-Origin"] = "evil.example" }), default);

        Assert.Equal(403, response.StatusCode);
        Assert.False(response.Headers.ContainsKey("WebHook-Allowed-Origin"));
    }

    [Theory]
    [InlineData("evil\r\nSet-Cookie: x=1")]
    [InlineData("evil\u0001.example")]
    [InlineData("\u00e9vil.example")]
    [InlineData("a b")]
    public async Task A_handshake_origin_with_control_or_non_ascii_characters_is_400_and_never_echoed(string origin)
    {
        var response = await Intake.HandleAsync(Request("OPTIONS", null, BinaryData.Empty, headers: new() { ["WebHook-Request-Origin"] = origin }), default);

        Assert.Equal(400, response.StatusCode);
        Assert.False(response.Headers.ContainsKey("WebHook-Allowed-Origin"));
        Assert.DoesNotContain(origin, response.ProblemDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_handshake_without_an_origin_is_a_bad_request()
    {
        var response = await Intake.HandleAsync(Request("OPTIONS", null, BinaryData.Empty), default);

        Assert.Equal(400, response.StatusCode);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("wrong", null)]
    [InlineData(null, "wrong")]
    public async Task Without_the_right_key_everything_is_401_and_nothing_is_accepted(string? code, string? header)
    {
        var headers = header is null ? null : new Dictionary<string, string> { ["X-Events-Key"] = header };
        var body = TestEvents.Json(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1")));

        var post = await Intake.HandleAsync(Request("POST", EventIntake.CloudEventsContentType, body, code, headers), default);
        var options = await Intake.HandleAsync(Request("OPTIONS", null, BinaryData.Empty, code, new() { ["WebHook-Request-Origin"] = "eventgrid.azure.net" }), default);

        Assert.Equal(401, post.StatusCode);
        Assert.Equal(401, options.StatusCode);
        Assert.Empty(_sink.Accepted);
    }

    [Fact]
    public async Task The_key_may_come_in_the_header_instead_of_the_code_parameter()
    {
        var body = TestEvents.Json(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1")));

        var response = await Intake.HandleAsync(Request("POST", EventIntake.CloudEventsContentType, body, code: null, headers: new() { ["X-Events-Key"] = Key }), default);

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task An_intake_without_a_configured_key_refuses_everything()
    {
        _options.SharedKey = null;
        var body = TestEvents.Json(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1")));

        var response = await Intake.HandleAsync(Request("POST", EventIntake.CloudEventsContentType, body, code: ""), default);

        Assert.Equal(401, response.StatusCode);
    }

    [Fact]
    public async Task A_single_structured_cloud_event_is_accepted_with_its_attributes()
    {
        var cloudEvent = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1"), id: "ce-1", correlationId: "corr-1");

        var response = await Intake.HandleAsync(Request("POST", EventIntake.CloudEventsContentType + "; charset=utf-8", TestEvents.Json(cloudEvent)), default);

        Assert.Equal(200, response.StatusCode);
        var accepted = Assert.Single(_sink.Accepted);
        Assert.Equal("ce-1", accepted.Id);
        Assert.Equal(TestEvents.Source, accepted.Source);
        Assert.Equal("corr-1", accepted.ExtensionAttributes[CloudEventAttributes.CorrelationId]);
    }

    [Fact]
    public async Task A_cloud_events_batch_is_accepted_in_order()
    {
        var batch = new[]
        {
            TestEvents.Create(HrEventTypes.RequisitionOpened, TestEvents.Requisition("r1"), id: "b1"),
            TestEvents.Create(HrEventTypes.CandidateApplied, TestEvents.Application("r1", "c1"), id: "b2"),
        };

        var response = await Intake.HandleAsync(Request("POST", EventIntake.CloudEventsBatchContentType, BinaryData.FromObjectAsJson(batch)), default);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["b1", "b2"], _sink.Accepted.Select(e => e.Id));
    }

    [Fact]
    public async Task A_single_event_grid_event_becomes_a_cloud_event_with_source_subject_and_dataschema()
    {
        var gridEvent = new EventGridEvent("requisitions/r1", HrEventTypes.RequisitionOpened, "1.0", TestEvents.Requisition("r1")) { Id = "eg-1", Topic = "/subscriptions/x/topics/ats" };

        var response = await Intake.HandleAsync(Request("POST", "application/json", GridJson(gridEvent)), default);

        Assert.Equal(200, response.StatusCode);
        var accepted = Assert.Single(_sink.Accepted);
        Assert.Equal(("eg-1", "/subscriptions/x/topics/ats", "requisitions/r1"), (accepted.Id, accepted.Source, accepted.Subject));
        Assert.Equal(EventSchema.UriFor(HrEventTypes.RequisitionOpened, 1).ToString(), accepted.DataSchema);
        Assert.Equal("r1", accepted.Data!.ToObjectFromJson<RequisitionOpenedV1>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!.RequisitionId);
    }

    [Fact]
    public async Task An_event_grid_batch_is_accepted()
    {
        var events = Enumerable.Range(1, 3)
            .Select(i => new EventGridEvent($"employees/{i}", HrEventTypes.EmployeeHired, "1", TestEvents.Hire("r1", "c" + i)) { Id = "eg-" + i })
            .ToArray();

        var response = await Intake.HandleAsync(Request("POST", "application/json", GridJson(events)), default);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["eg-1", "eg-2", "eg-3"], _sink.Accepted.Select(e => e.Id));
    }

    [Fact]
    public async Task Cloud_events_sent_as_plain_json_are_recognised_by_specversion()
    {
        var cloudEvent = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1"), id: "plain-1");

        var response = await Intake.HandleAsync(Request("POST", "application/json", TestEvents.Json(cloudEvent)), default);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("plain-1", Assert.Single(_sink.Accepted).Id);
    }

    [Fact]
    public async Task A_batch_with_an_unknown_type_is_refused_whole()
    {
        var batch = new[]
        {
            TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1")),
            TestEvents.Create("hr.payroll.changed", new { x = 1 }),
        };

        var response = await Intake.HandleAsync(Request("POST", EventIntake.CloudEventsBatchContentType, BinaryData.FromObjectAsJson(batch)), default);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("hr.payroll.changed", response.ProblemDetail, StringComparison.Ordinal);
        Assert.Empty(_sink.Accepted);
    }

    [Theory]
    [InlineData("application/cloudevents+json", "{not json")]
    [InlineData("application/json", "42")]
    [InlineData("application/cloudevents+json", "{\"id\":\"x\"}")]
    public async Task Malformed_bodies_are_a_400_problem(string contentType, string body)
    {
        var response = await Intake.HandleAsync(Request("POST", contentType, BinaryData.FromString(body)), default);

        Assert.Equal(400, response.StatusCode);
        Assert.True(response.IsProblem);
    }

    [Fact]
    public async Task Oversized_bodies_are_413()
    {
        _options.MaxBodyBytes = 100;
        var body = TestEvents.Json(TestEvents.Create(HrEventTypes.RequisitionOpened, TestEvents.Requisition("r1")));

        var response = await Intake.HandleAsync(Request("POST", EventIntake.CloudEventsContentType, body), default);

        Assert.Equal(413, response.StatusCode);
    }
}
