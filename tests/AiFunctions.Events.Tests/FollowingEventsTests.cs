using System.Text.Json;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.EventGrid;
using AiFunctions.Events.Handlers;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Idempotency;
using AiFunctions.Events.Publishing;
using AiFunctions.Events.Requisitions;
using AiFunctions.Events.Tests.Support;
using AiFunctions.Events.Tracking;
using AiFunctions.Workflows;
using Azure.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.Tests;

/// <summary>
/// Events a producer can follow: the webhook answers with each event's id and what it became, the outcome of every
/// dispatched event is recorded by source and id (handled and what it started, or dead-lettered and why), published
/// outbound events are listed; and requisition tenancy: a close that matches no requisition of its tenant is
/// dead-lettered, never silently accepted, and an application to a closed requisition is not screened.
/// </summary>
public sealed class FollowingEventsTests
{
    private readonly InMemoryRequisitionStore _requisitions = new();
    private readonly RecordingStarter _starter = new();
    private readonly InMemoryEventOutcomeStore _outcomes = new();

    private CloudEventDispatcher Dispatcher() => new(
        Dispatchers.RealHandlers(_requisitions, _starter), new InMemoryIdempotencyStore(), Options.Create(Dispatchers.FastRetries()),
        NullLogger<CloudEventDispatcher>.Instance, outcomes: _outcomes);

    private EventIntake DirectIntake() =>
        new(new DirectDispatchSink(Dispatcher()), Options.Create(new EventIntakeOptions { SharedKey = "k", Mode = IntakeMode.Direct }));

    private static CloudEvent WithTenant(CloudEvent cloudEvent, string tenant)
    {
        cloudEvent.ExtensionAttributes[CloudEventAttributes.TenantId] = tenant;
        return cloudEvent;
    }

    private static Task<WebhookResponse> PostAsync(EventIntake intake, BinaryData body, string contentType = EventIntake.CloudEventsContentType) =>
        intake.HandleAsync(new WebhookRequest("POST", n => n == "X-Events-Key" ? "k" : null, _ => null, contentType, body), default);

    [Fact]
    public async Task The_webhook_answers_each_event_id_and_the_instance_it_started_and_the_outcome_can_be_read_back()
    {
        await _requisitions.UpsertOpenedAsync("contoso", TestEvents.Requisition("r1"), default);
        var applied = WithTenant(TestEvents.Create(HrEventTypes.CandidateApplied, TestEvents.Application("r1", "c1"), id: "app-event-1"), "contoso");

        var response = await PostAsync(DirectIntake(), TestEvents.Json(applied));

        Assert.Equal(200, response.StatusCode);
        var answer = Assert.IsType<WebhookAccepted>(response.Json);
        var receipt = Assert.Single(answer.Events);
        Assert.Equal(("app-event-1", TestEvents.Source, InboundEventDisposition.Handled), (receipt.Id, receipt.Source, receipt.Disposition));
        var started = Assert.Single(_starter.Started).Key;
        Assert.Equal(started, receipt.InstanceId);
        // The documented scheme: batch "app-" + key(source, id), instance "screening-" + batch.
        Assert.Equal(WorkflowInstanceIds.Screening(ResourceIds.Scope("contoso", "app-" + EventKeys.For(TestEvents.Source, "app-event-1"))), receipt.InstanceId);

        var recorded = await _outcomes.GetAsync(TestEvents.Source, "app-event-1", default);
        Assert.Equal((InboundEventDisposition.Handled, started), (recorded!.Disposition, recorded.InstanceId));
        Assert.Contains("\"instanceId\"", JsonSerializer.Serialize(answer, new JsonSerializerOptions(JsonSerializerDefaults.Web)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dead_lettered_event_records_its_real_cause_by_source_and_id()
    {
        var invalid = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1") with { EmployeeId = null }, id: "hire-bad-1");

        var outcome = await Dispatcher().DispatchAsync(TestEvents.Json(invalid), null, default);

        Assert.Equal(DispatchDisposition.DeadLetter, outcome.Disposition);
        var recorded = await _outcomes.GetAsync(TestEvents.Source, "hire-bad-1", default);
        Assert.Equal((InboundEventDisposition.DeadLettered, DeadLetterReasons.ValidationFailed), (recorded!.Disposition, recorded.Reason));
        Assert.Contains("'employeeId' is required", recorded.Description, StringComparison.Ordinal);
        Assert.Null(await _outcomes.GetAsync("/another/source", "hire-bad-1", default));
    }

    [Fact]
    public async Task A_close_without_the_tenant_of_its_requisition_is_dead_lettered_and_the_right_close_stops_screening()
    {
        await _requisitions.UpsertOpenedAsync("contoso", TestEvents.Requisition("r9"), default);
        var closed = new RequisitionClosedV1 { RequisitionId = "r9", Reason = "filled", ClosedAt = DateTimeOffset.Parse("2026-11-25T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture) };
        var dispatcher = Dispatcher();

        var untenanted = await dispatcher.DispatchAsync(TestEvents.Json(TestEvents.Create(HrEventTypes.RequisitionClosed, closed, id: "close-1")), null, default);

        Assert.Equal(DispatchDisposition.DeadLetter, untenanted.Disposition);
        Assert.Equal(DeadLetterReasons.RequisitionNotFound, untenanted.Reason);
        Assert.Contains("tenant 'default'", untenanted.Description, StringComparison.Ordinal);
        Assert.False((await _requisitions.GetAsync("contoso", "r9", default))!.IsClosed);

        var tenanted = await dispatcher.DispatchAsync(TestEvents.Json(WithTenant(TestEvents.Create(HrEventTypes.RequisitionClosed, closed, id: "close-2"), "contoso")), null, default);
        Assert.Equal(DispatchDisposition.Handled, tenanted.Disposition);

        var next = await dispatcher.DispatchAsync(TestEvents.Json(WithTenant(TestEvents.Create(HrEventTypes.CandidateApplied, TestEvents.Application("r9", "c7")), "contoso")), null, default);
        Assert.Equal((DispatchDisposition.DeadLetter, DeadLetterReasons.RequisitionClosed), (next.Disposition, next.Reason));
        Assert.Empty(_starter.Started);
    }

    [Fact]
    public async Task An_event_grid_schema_event_carries_its_tenant_in_data()
    {
        await _requisitions.UpsertOpenedAsync("contoso", TestEvents.Requisition("r5"), default);
        var body = BinaryData.FromString("""
            [{"id":"eg-close-1","topic":"/ats/eg","subject":"requisitions/r5","eventType":"hr.requisition.closed","eventTime":"2026-11-25T09:00:00Z","dataVersion":"1.0",
              "data":{"tenantId":"contoso","requisitionId":"r5","reason":"cancelled","closedAt":"2026-11-25T09:00:00Z"}}]
            """);

        var response = await PostAsync(DirectIntake(), body, "application/json");

        Assert.Equal(200, response.StatusCode);
        Assert.True((await _requisitions.GetAsync("contoso", "r5", default))!.IsClosed);
    }

    [Fact]
    public async Task Published_outbound_events_are_listed_newest_first_and_filtered()
    {
        var log = new OutboundEventLog();
        var sink = new RecordingOutboundSink(new LoggingOutboundSink(NullLogger<LoggingOutboundSink>.Instance), log, TimeProvider.System);
        var first = OutboundCloudEvents.Create("/aifunctions", AiEventTypes.ScreeningReviewRequired, new { batchId = "b1" });
        first.Subject = "screening/b1";
        first.ExtensionAttributes[CloudEventAttributes.TenantId] = "contoso";
        var second = OutboundCloudEvents.Create("/aifunctions", AiEventTypes.ScreeningCompleted, new { batchId = "b1" });
        second.Subject = "screening/b1";
        second.ExtensionAttributes[CloudEventAttributes.TenantId] = "contoso";
        var otherTenants = OutboundCloudEvents.Create("/aifunctions", AiEventTypes.ScreeningCompleted, new { batchId = "b1" });
        otherTenants.Subject = "screening/b1";
        otherTenants.ExtensionAttributes[CloudEventAttributes.TenantId] = "fabrikam";

        await sink.SendAsync([first, second, otherTenants], default);

        Assert.Equal([second.Id, first.Id], log.Recent("contoso", 10).Select(e => e.Id));
        Assert.Equal([first.Id], log.Recent("contoso", 10, type: AiEventTypes.ScreeningReviewRequired).Select(e => e.Id));
        Assert.Equal(2, log.Recent("contoso", 10, about: "screening/b1").Count);
        // Another tenant's events (same subject, same batch id) are never listed to this one, and the reverse.
        Assert.Equal([otherTenants.Id], log.Recent("fabrikam", 10, about: "screening/b1").Select(e => e.Id));
        Assert.Empty(log.Recent("default", 10));
        Assert.Equal("b1", log.Recent("contoso", 1)[0].Data!.Value.GetProperty("batchId").GetString());
    }
}
