using System.Text;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handlers;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Idempotency;
using AiFunctions.Events.Requisitions;
using AiFunctions.Events.Tests.Support;
using AiFunctions.Workflows;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Events.Tests;

/// <summary>The transport-neutral rules: what is poison (and why), duplicates, transient retries, correlation.</summary>
public sealed class DispatcherTests
{
    private readonly InMemoryRequisitionStore _requisitions = new();
    private readonly RecordingStarter _starter = new();

    private CloudEventDispatcher RealDispatcher(IIdempotencyStore? idempotency = null) =>
        Dispatchers.Create(Dispatchers.RealHandlers(_requisitions, _starter), idempotency);

    [Fact]
    public async Task Malformed_json_is_poison_with_reason_MalformedJson()
    {
        var outcome = await RealDispatcher().DispatchAsync(BinaryData.FromString("{\"specversion\": \"1.0\", "), null, default);

        Assert.Equal(DispatchDisposition.DeadLetter, outcome.Disposition);
        Assert.Equal(DeadLetterReasons.MalformedJson, outcome.Reason);
        Assert.Contains("not valid JSON", outcome.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_object_without_cloud_event_attributes_is_poison_with_reason_InvalidCloudEvent()
    {
        var outcome = await RealDispatcher().DispatchAsync(BinaryData.FromString("{\"hello\":\"world\"}"), null, default);

        Assert.Equal(DeadLetterReasons.InvalidCloudEvent, outcome.Reason);
    }

    [Fact]
    public async Task Unknown_type_is_poison_and_the_description_lists_the_accepted_types()
    {
        var outcome = await RealDispatcher().DispatchAsync(TestEvents.Json(TestEvents.Create("hr.candidate.withdrawn", new { x = 1 })), null, default);

        Assert.Equal(DeadLetterReasons.UnknownEventType, outcome.Reason);
        Assert.Contains("hr.candidate.withdrawn", outcome.Description, StringComparison.Ordinal);
        Assert.Contains(HrEventTypes.CandidateApplied, outcome.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_type_arriving_on_an_entity_that_does_not_take_it_is_poison()
    {
        var body = TestEvents.Json(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1")));

        var outcome = await RealDispatcher().DispatchAsync(body, [HrEventTypes.CandidateApplied], default);

        Assert.Equal(DeadLetterReasons.UnknownEventType, outcome.Reason);
    }

    [Fact]
    public async Task Unsupported_schema_version_is_poison_and_names_the_supported_dataschema()
    {
        var body = TestEvents.Json(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1"), version: 2));

        var outcome = await RealDispatcher().DispatchAsync(body, null, default);

        Assert.Equal(DeadLetterReasons.UnsupportedSchemaVersion, outcome.Reason);
        Assert.Contains(EventSchema.UriFor(HrEventTypes.EmployeeHired, 1).ToString(), outcome.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_foreign_dataschema_is_an_unsupported_version()
    {
        var cloudEvent = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1"));
        cloudEvent.DataSchema = "https://example.com/schemas/hired.json";

        var outcome = await RealDispatcher().DispatchAsync(cloudEvent, null, default);

        Assert.Equal(DeadLetterReasons.UnsupportedSchemaVersion, outcome.Reason);
    }

    [Fact]
    public async Task Invalid_data_is_poison_and_every_problem_is_named()
    {
        var bad = TestEvents.Application("r1", "c1") with { CandidateId = "", ResumeText = null, AppliedAt = default };

        var outcome = await RealDispatcher().DispatchAsync(TestEvents.Create(HrEventTypes.CandidateApplied, bad), null, default);

        Assert.Equal(DeadLetterReasons.ValidationFailed, outcome.Reason);
        Assert.Contains("'candidateId' is required", outcome.Description, StringComparison.Ordinal);
        Assert.Contains("resumeText", outcome.Description, StringComparison.Ordinal);
        Assert.Contains("'appliedAt' is required", outcome.Description, StringComparison.Ordinal);
        Assert.Empty(_starter.Started);
    }

    [Fact]
    public async Task Data_of_the_wrong_shape_is_poison_naming_the_path()
    {
        var cloudEvent = new Azure.Messaging.CloudEvent(TestEvents.Source, HrEventTypes.RequisitionOpened, BinaryData.FromString("{\"requisitionId\": 42}"), "application/json");

        var outcome = await RealDispatcher().DispatchAsync(cloudEvent, null, default);

        Assert.Equal(DeadLetterReasons.ValidationFailed, outcome.Reason);
        Assert.Contains("requisitionId", outcome.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Candidate_applied_starts_one_screening_with_a_deterministic_instance_and_the_correlation_id()
    {
        await _requisitions.UpsertOpenedAsync("default", TestEvents.Requisition("r1"), default);
        var cloudEvent = TestEvents.Create(HrEventTypes.CandidateApplied, TestEvents.Application("r1", "c1"), id: "evt-1", correlationId: "corr-42");
        var dispatcher = RealDispatcher();

        var first = await dispatcher.DispatchAsync(TestEvents.Json(cloudEvent), null, default);
        var second = await dispatcher.DispatchAsync(TestEvents.Json(cloudEvent), null, default);

        Assert.Equal(DispatchDisposition.Handled, first.Disposition);
        Assert.Equal(DispatchDisposition.Duplicate, second.Disposition);
        var (name, input) = Assert.Single(_starter.Started).Value;
        Assert.Equal(WorkflowNames.ScreeningBatchOrchestrator, name);
        var request = Assert.IsType<ScreeningBatchRequest>(input);
        Assert.Equal("corr-42", request.CorrelationId);
        Assert.Equal(WorkflowInstanceIds.Screening(request.BatchId), first.InstanceId);
        Assert.Equal("c1", Assert.Single(request.Candidates).CandidateId);
    }

    [Fact]
    public async Task Candidate_applied_before_its_requisition_is_transient()
    {
        var outcome = await RealDispatcher().DispatchAsync(TestEvents.Create(HrEventTypes.CandidateApplied, TestEvents.Application("r-unknown", "c1")), null, default);

        Assert.Equal(DispatchDisposition.Retry, outcome.Disposition);
        Assert.IsType<RequisitionNotYetKnownException>(outcome.Error);
    }

    [Fact]
    public async Task Candidate_applied_to_a_closed_requisition_is_dead_lettered_as_RequisitionClosed()
    {
        await _requisitions.UpsertOpenedAsync("default", TestEvents.Requisition("r2"), default);
        await _requisitions.MarkClosedAsync("default", "r2", "filled", DateTimeOffset.UtcNow, default);

        var outcome = await RealDispatcher().DispatchAsync(TestEvents.Create(HrEventTypes.CandidateApplied, TestEvents.Application("r2", "c1")), null, default);

        Assert.Equal("RequisitionClosed", outcome.Reason);
        Assert.Empty(_starter.Started);
    }

    [Fact]
    public async Task Handlers_without_orchestrations_drop_duplicates_through_the_idempotency_record()
    {
        var idempotency = new InMemoryIdempotencyStore();
        var handler = new RecordingHandler();
        var dispatcher = Dispatchers.Create([handler], idempotency);
        var body = TestEvents.Json(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1"), id: "hire-1"));

        var first = await dispatcher.DispatchAsync(body, null, default);
        var second = await dispatcher.DispatchAsync(body, null, default);

        Assert.Equal(DispatchDisposition.Handled, first.Disposition);
        Assert.Equal(DispatchDisposition.Duplicate, second.Disposition);
        Assert.Equal(1, handler.Calls);
        Assert.Equal(1, idempotency.Count);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_in_the_handler_before_giving_the_message_back()
    {
        var handler = new RecordingHandler { FailuresBeforeSuccess = 2 };
        var retrying = Dispatchers.Create([handler], options: new EventHandlingOptions { InHandlerRetries = 2, InHandlerRetryDelay = TimeSpan.FromMilliseconds(5) });

        var outcome = await retrying.DispatchAsync(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1")), null, default);

        Assert.Equal(DispatchDisposition.Handled, outcome.Disposition);
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task A_failure_outlasting_the_in_handler_retries_asks_for_redelivery_and_records_nothing()
    {
        var idempotency = new InMemoryIdempotencyStore();
        var handler = new RecordingHandler { FailuresBeforeSuccess = 10 };
        var dispatcher = Dispatchers.Create([handler], idempotency, new EventHandlingOptions { InHandlerRetries = 1, InHandlerRetryDelay = TimeSpan.FromMilliseconds(5) });

        var outcome = await dispatcher.DispatchAsync(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1")), null, default);

        Assert.Equal(DispatchDisposition.Retry, outcome.Disposition);
        Assert.Equal(2, handler.Calls);
        Assert.Equal(0, idempotency.Count);
    }

    [Fact]
    public async Task The_correlation_id_extension_becomes_the_ambient_ai_call_context()
    {
        var handler = new RecordingHandler();
        var dispatcher = Dispatchers.Create([handler]);

        await dispatcher.DispatchAsync(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1"), id: "e1", correlationId: "corr-7"), null, default);
        await dispatcher.DispatchAsync(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c2"), id: "e2"), null, default);

        Assert.Equal(("e1", "corr-7", "corr-7"), handler.Handled[0]);
        Assert.Equal(("e2", "e2", "e2"), handler.Handled[1]);
    }

    [Fact]
    public void Abandon_backoff_doubles_per_delivery_up_to_the_cap()
    {
        var options = new EventHandlingOptions { AbandonBackoff = TimeSpan.FromSeconds(1), MaxAbandonBackoff = TimeSpan.FromSeconds(5) };

        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(1, 5).Select(d => options.AbandonBackoffFor(d).TotalSeconds));
    }

    [Fact]
    public void Two_handlers_for_one_type_are_a_registration_error()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Dispatchers.Create([new RecordingHandler(), new RecordingHandler()]));
        Assert.Contains(HrEventTypes.EmployeeHired, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_keys_are_deterministic_and_distinguish_sources()
    {
        Assert.Equal(EventKeys.For("/a", "1"), EventKeys.For("/a", "1"));
        Assert.NotEqual(EventKeys.For("/a", "1"), EventKeys.For("/b", "1"));
        Assert.Equal(32, EventKeys.For("/a", "1").Length);
        Assert.True(Encoding.ASCII.GetByteCount(EventKeys.For("/a", "1")) == 32);
    }
}
