using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Idempotency;
using AiFunctions.Events.Requisitions;
using AiFunctions.Events.Tests.Support;
using AiFunctions.Testing;
using Azure.Data.Tables;

namespace AiFunctions.Events.Tests;

/// <summary>The idempotency records, the requisition store and the event outcomes on a real Azurite (Table storage).</summary>
public sealed class TableStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private TableClient Table(string prefix) => new(azurite.ConnectionString, AzuriteFixture.UniqueName(prefix));

    private TableRequisitionStore Requisitions() =>
        new(Table("reqs"), new Azure.Storage.Blobs.BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("reqpayloads").ToLowerInvariant()));

    /// <summary>Text of exactly <paramref name="length"/> UTF-16 characters, mostly outside ASCII (2-3 bytes each in UTF-8).</summary>
    private static string Wide(int length) => string.Concat(Enumerable.Repeat("é€日本語ß ", length / 7 + 1))[..length];

    private static RequisitionOpenedV1 Largest(string id, int jobDescriptionChars = RequisitionOpenedV1.MaxJobDescriptionChars) => TestEvents.Requisition(id) with
    {
        Title = Wide(RequisitionOpenedV1.MaxTitleChars),
        JobDescription = Wide(jobDescriptionChars),
        Criteria = Enumerable.Range(0, AiFunctions.Workflows.WorkflowLimits.MaxCriteria)
            .Select(i => new CriterionV1($"c{i}", Wide(RequisitionOpenedV1.MaxCriterionChars))).ToList(),
    };

    [Fact]
    public async Task The_largest_requisition_the_contract_accepts_round_trips_through_table_storage_by_claim_check()
    {
        var store = Requisitions();
        var dispatcher = Dispatchers.Create(Dispatchers.RealHandlers(store, new RecordingStarter()));
        var largest = Largest("r-max");
        Assert.Empty(largest.Validate());

        var outcome = await dispatcher.DispatchAsync(TestEvents.Create(HrEventTypes.RequisitionOpened, largest, id: "open-max"), null, default);
        var stored = await store.GetAsync("default", "r-max", default);

        Assert.Equal(DispatchDisposition.Handled, outcome.Disposition);
        Assert.Equal(largest.JobDescription, stored!.Opened!.JobDescription);
        Assert.Equal(largest.Title, stored.Opened.Title);
        Assert.Equal(largest.Criteria!.Select(c => c.Text), stored.Opened.Criteria!.Select(c => c.Text));
    }

    [Fact]
    public async Task A_requisition_with_a_45000_character_job_description_is_stored_instead_of_failing_in_table_storage()
    {
        var store = Requisitions();
        var requisition = TestEvents.Requisition("r-45k") with { JobDescription = Wide(45_000) };

        await store.UpsertOpenedAsync("t1", requisition, default);
        await store.MarkClosedAsync("t1", "r-45k", "filled", DateTimeOffset.UnixEpoch.AddYears(56), default);
        var stored = await store.GetAsync("t1", "r-45k", default);

        Assert.Equal(requisition.JobDescription, stored!.Opened!.JobDescription);
        Assert.Equal("filled", stored.ClosedReason);

        // Re-opened with a short description: the inline copy wins over the old blob reference.
        await store.UpsertOpenedAsync("t1", requisition with { JobDescription = "Short now." }, default);
        Assert.Equal("Short now.", (await store.GetAsync("t1", "r-45k", default))!.Opened!.JobDescription);
    }

    [Theory]
    [InlineData("jobDescription", "'jobDescription' is 50001 characters; the limit is 50000.")]
    [InlineData("title", "'title' is 301 characters; the limit is 300.")]
    [InlineData("criterion", "'criteria[0].text' is 2001 characters; the limit is 2000.")]
    public async Task One_character_over_a_requisition_limit_is_dead_lettered_at_the_edge_naming_the_limit(string field, string expected)
    {
        var largest = Largest("r-over");
        var over = field switch
        {
            "jobDescription" => largest with { JobDescription = Wide(RequisitionOpenedV1.MaxJobDescriptionChars + 1) },
            "title" => largest with { Title = Wide(RequisitionOpenedV1.MaxTitleChars + 1) },
            _ => largest with { Criteria = [new CriterionV1("c0", Wide(RequisitionOpenedV1.MaxCriterionChars + 1))] },
        };
        var store = Requisitions();
        var dispatcher = Dispatchers.Create(Dispatchers.RealHandlers(store, new RecordingStarter()));

        var outcome = await dispatcher.DispatchAsync(TestEvents.Create(HrEventTypes.RequisitionOpened, over, id: "open-over-" + field), null, default);

        Assert.Equal(DispatchDisposition.DeadLetter, outcome.Disposition);
        Assert.Equal(DeadLetterReasons.ValidationFailed, outcome.Reason);
        Assert.Contains(expected, outcome.Description, StringComparison.Ordinal);
        Assert.Null(await store.GetAsync("default", "r-over", default));
    }

    [Fact]
    public async Task An_event_is_unknown_until_recorded_and_recording_twice_is_harmless()
    {
        var store = new TableIdempotencyStore(Table("idem"));
        var key = EventKeys.For("/src", "e1");

        Assert.False(await store.ExistsAsync(key, default));
        await store.RecordAsync(key, HrEventTypes.EmployeeHired, default);
        await store.RecordAsync(key, HrEventTypes.EmployeeHired, default);

        Assert.True(await store.ExistsAsync(key, default));
        Assert.False(await store.ExistsAsync(EventKeys.For("/src", "e2"), default));
    }

    [Fact]
    public async Task A_duplicate_delivery_is_dropped_through_the_table_record_even_by_another_dispatcher()
    {
        var table = Table("idem");
        var handler = new RecordingHandler();
        var body = TestEvents.Json(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1"), id: "hire-table"));

        // Two dispatchers = two host instances sharing the table.
        var first = await Dispatchers.Create([handler], new TableIdempotencyStore(table)).DispatchAsync(body, null, default);
        var second = await Dispatchers.Create([handler], new TableIdempotencyStore(table)).DispatchAsync(body, null, default);

        Assert.Equal(DispatchDisposition.Handled, first.Disposition);
        Assert.Equal(DispatchDisposition.Duplicate, second.Disposition);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Requisition_events_merge_in_any_order()
    {
        var store = Requisitions();

        await store.RecordHireAsync("t1", TestEvents.Hire("r9", "c1"), default);
        await store.MarkClosedAsync("t1", "r9", "filled", DateTimeOffset.Parse("2026-11-21T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), default);
        await store.UpsertOpenedAsync("t1", TestEvents.Requisition("r9"), default);
        await store.RecordHireAsync("t1", TestEvents.Hire("r9", "c1"), default);

        var state = await store.GetAsync("t1", "r9", default);

        Assert.NotNull(state);
        Assert.Equal("Data engineer", state.Opened?.Title);
        Assert.Equal(2, state.Opened?.Criteria?.Count);
        Assert.True(state.IsClosed);
        Assert.Equal("filled", state.ClosedReason);
        Assert.Equal(["c1"], state.HiredCandidateIds);
        Assert.Null(await store.GetAsync("t2", "r9", default));
    }

    [Fact]
    public async Task Recent_inbound_outcomes_list_per_tenant_newest_first_once_per_event_in_pages()
    {
        var store = new AiFunctions.Events.Tracking.TableEventOutcomeStore(Table("outcomes"));
        var t0 = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        AiFunctions.Events.Tracking.InboundEventOutcome Outcome(string id, AiFunctions.Events.Tracking.InboundEventDisposition disposition, int minute, string tenant = "contoso") =>
            new("/ats", id, "hr.requisition.opened", disposition, null, null, null, null, t0.AddMinutes(minute), tenant, "corr-" + id);

        await store.RecordAsync(Outcome("e-1", AiFunctions.Events.Tracking.InboundEventDisposition.Accepted, 0), default);
        await store.RecordAsync(Outcome("e-2", AiFunctions.Events.Tracking.InboundEventDisposition.Accepted, 1), default);
        await store.RecordAsync(Outcome("e-3", AiFunctions.Events.Tracking.InboundEventDisposition.Handled, 2), default);
        await store.RecordAsync(Outcome("e-1", AiFunctions.Events.Tracking.InboundEventDisposition.Handled, 3), default); // moves to the front
        await store.RecordAsync(Outcome("e-9", AiFunctions.Events.Tracking.InboundEventDisposition.Handled, 4, "fabrikam"), default);
        await store.RecordAsync(Outcome("e-bad", AiFunctions.Events.Tracking.InboundEventDisposition.DeadLettered, 5, "not a tenant/#?"), default);

        var first = await store.ListRecentAsync("contoso", 2, null, default);
        var second = await store.ListRecentAsync("contoso", 2, first.ContinuationToken, default);

        Assert.Equal([("e-1", AiFunctions.Events.Tracking.InboundEventDisposition.Handled), ("e-3", AiFunctions.Events.Tracking.InboundEventDisposition.Handled)], first.Items.Select(o => (o.Id, o.Disposition)));
        Assert.Equal(["e-2"], second.Items.Select(o => o.Id));
        Assert.Null(second.ContinuationToken);
        Assert.Equal("corr-e-2", second.Items[0].CorrelationId);
        Assert.Equal(["e-9"], (await store.ListRecentAsync("fabrikam", 10, null, default)).Items.Select(o => o.Id));
        Assert.Empty((await store.ListRecentAsync("not a tenant/#?", 10, null, default)).Items);
        Assert.Equal(AiFunctions.Events.Tracking.InboundEventDisposition.DeadLettered, (await store.GetAsync("/ats", "e-bad", default))!.Disposition);
    }
}
