using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Idempotency;
using AiFunctions.Events.Requisitions;
using AiFunctions.Events.Tests.Support;
using AiFunctions.Testing;
using Azure.Data.Tables;

namespace AiFunctions.Events.Tests;

/// <summary>The idempotency records and the requisition store on a real Azurite (Table storage).</summary>
public sealed class TableStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private TableClient Table(string prefix) => new(azurite.ConnectionString, AzuriteFixture.UniqueName(prefix));

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
        var store = new TableRequisitionStore(Table("reqs"));

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
}
