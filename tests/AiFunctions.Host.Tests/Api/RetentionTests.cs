using System.Net;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Lifecycle;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// The scheduled retention purge (AiFunctions:Retention; docs/security.md, "Retention"), run against the built host's
/// stores and task hub with fake time: what is past its period goes, what is not stays, a second run finds nothing,
/// and every purge is in the tenant's erasure log without the data.
/// </summary>
public sealed class RetentionTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    [Fact]
    public async Task A_purge_past_the_periods_deletes_finished_batches_their_history_and_old_resumes_records_it_without_personal_data_and_a_second_run_finds_nothing()
    {
        using var client = factory.CreateAuthorizedClient();
        var finished = "ret-done-" + Guid.NewGuid().ToString("N")[..8];
        var waiting = "ret-wait-" + Guid.NewGuid().ToString("N")[..8];
        await ApiPolling.AssertAcceptedAsync(await ApiPolling.PostJsonAsync(client, "/api/screenings", Batches.Create(finished, 2)));
        await ApiPolling.AssertAcceptedAsync(await ApiPolling.PostJsonAsync(client, "/api/screenings", Batches.Create(waiting, 2)));
        await ApiPolling.WaitForStatusAsync(client, finished, "AwaitingReview", TimeSpan.FromSeconds(60));
        await ApiPolling.WaitForStatusAsync(client, waiting, "AwaitingReview", TimeSpan.FromSeconds(60));
        using (var reviewer = factory.CreateClientFor("reviewer"))
        using (var review = await ApiPolling.PostJsonAsync(reviewer, $"/api/screenings/{finished}/review", new { decision = ReviewDecision.Reject }))
        {
            Assert.Equal(HttpStatusCode.Accepted, review.StatusCode);
        }

        await ApiPolling.WaitUntilAsync(client, $"/api/screenings/{finished}", s => s.TryGetProperty("runtimeStatus", out var r) && r.GetString() == "Completed", TimeSpan.FromSeconds(30), "the batch orchestration to complete");
        var store = factory.Services.GetRequiredService<IScreeningStore>();
        var durable = factory.Services.GetRequiredService<DurableTaskClient>();
        var scopedFinished = InMemoryHostFactory.Tenant + "." + finished;
        var scopedWaiting = InMemoryHostFactory.Tenant + "." + waiting;
        var names = (await store.GetResultsAsync(scopedFinished)).Select(r => r.DisplayName).ToArray();
        Assert.NotEmpty(names);

        // Not yet past the periods: nothing happens.
        var settings = new RetentionOptions { ResumesDays = 30, ResultsDays = 183, OrchestrationHistoryDays = 183 };
        var early = await PurgeAt(store, settings, DateTimeOffset.UtcNow.AddDays(10)).RunAsync(durable, CandidateErasure.TriggerSchedule, CancellationToken.None);
        Assert.Equal(0, early.BatchesDeleted + early.ResumesDeleted + early.InstancesPurged);
        Assert.NotNull(await store.GetBatchAsync(scopedFinished));

        var later = DateTimeOffset.UtcNow.AddDays(200);
        var report = await PurgeAt(store, settings, later).RunAsync(durable, CandidateErasure.TriggerSchedule, CancellationToken.None);

        // The finished batch is gone whole: record, results, trail, history. The one still waiting for review keeps its records.
        Assert.True(report.BatchesDeleted >= 1, JsonSerializer.Serialize(report));
        Assert.Null(await store.GetBatchAsync(scopedFinished));
        Assert.Empty(await store.GetResultsAsync(scopedFinished));
        Assert.Empty((await store.GetDecisionTrailAsync(scopedFinished)).Entries);
        Assert.Null(await durable.GetInstanceAsync(WorkflowInstanceIdsOf(scopedFinished)));
        using (var gone = await client.GetAsync(new Uri($"/api/screenings/{finished}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.NotNull(await store.GetBatchAsync(scopedWaiting));
        Assert.NotNull(await durable.GetInstanceAsync(WorkflowInstanceIdsOf(scopedWaiting)));

        // Resumes past 30 days are gone everywhere, the waiting batch's included (its records stay).
        var waitingCandidate = await store.GetCandidateAsync(scopedWaiting, "cand-0001");
        Assert.NotNull(waitingCandidate);
        Assert.Null(await store.GetResumeAsync(waitingCandidate.ResumeBlobName));

        // The tenant's log holds the purge: counts and scoped batch ids, no names, no resume text.
        var entry = (await store.ListErasurePageAsync(new RecordQuery(InMemoryHostFactory.Tenant, PageSize: 10))).Items.First(e => e.Kind == CandidateErasure.KindRetentionPurge);
        Assert.Equal(CandidateErasure.TriggerSchedule, entry.Trigger);
        Assert.Equal(RetentionPurge.ScheduleActor, entry.RequestedBy);
        Assert.Equal(later, entry.At);
        Assert.Contains(scopedFinished, entry.BatchIds);
        Assert.DoesNotContain(scopedWaiting, entry.BatchIds);
        Assert.Equal(string.Empty, entry.SubjectKey);
        Assert.Contains(RetentionDataKinds.Results, entry.DataKinds!);
        Assert.Contains(RetentionDataKinds.Resumes, entry.DataKinds!);
        Assert.Contains(RetentionDataKinds.OrchestrationHistory, entry.DataKinds!);
        Assert.True(entry.InstancesPurged >= 2, JsonSerializer.Serialize(entry)); // the batch and its chunk
        var logged = JsonSerializer.Serialize(entry);
        Assert.All(names, n => Assert.DoesNotContain(n, logged, StringComparison.Ordinal));
        Assert.DoesNotContain("Experience", logged, StringComparison.OrdinalIgnoreCase);

        // At least once, idempotent: the same run again deletes and records nothing.
        var entries = (await store.ListErasurePageAsync(new RecordQuery(InMemoryHostFactory.Tenant, PageSize: 100))).Items.Count;
        var again = await PurgeAt(store, settings, later).RunAsync(durable, CandidateErasure.TriggerSchedule, CancellationToken.None);
        Assert.Equal(0, again.BatchesDeleted + again.ResumesDeleted + again.ResultsDeleted + again.InstancesPurged + again.EntriesRecorded);
        Assert.Equal(entries, (await store.ListErasurePageAsync(new RecordQuery(InMemoryHostFactory.Tenant, PageSize: 100))).Items.Count);
    }

    [Fact]
    public async Task Periods_of_zero_keep_everything()
    {
        var store = factory.Services.GetRequiredService<IScreeningStore>();
        var batchId = InMemoryHostFactory.Tenant + ".ret-keep-" + Guid.NewGuid().ToString("N")[..8];
        var blob = await store.PutResumeAsync(batchId, "c-1", "resume text");

        var report = await PurgeAt(store, new RetentionOptions(), DateTimeOffset.UtcNow.AddYears(50)).RunAsync(factory.Services.GetRequiredService<DurableTaskClient>(), CandidateErasure.TriggerSchedule, CancellationToken.None);

        Assert.Equal(0, report.ResumesDeleted + report.BatchesDeleted + report.EntriesRecorded);
        Assert.Equal("resume text", await store.GetResumeAsync(blob));
    }

    [Fact]
    public async Task The_standalone_schedule_runs_at_start_and_then_once_per_interval_of_the_time_provider()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new RetentionOptions { ResumesDays = 400, Interval = TimeSpan.FromHours(6) };
        var services = new ServiceCollection()
            .AddSingleton(PurgeAt(factory.Services.GetRequiredService<IScreeningStore>(), settings, time))
            .AddSingleton(factory.Services.GetRequiredService<DurableTaskClient>())
            .BuildServiceProvider();
        await using var _ = services;
        using var schedule = new RetentionPurgeService(services, Options.Create(settings), NullLogger<RetentionPurgeService>.Instance, time);

        await schedule.StartAsync(CancellationToken.None);
        await WaitForRunsAsync(schedule, 1);
        time.Advance(TimeSpan.FromHours(5));
        await Task.Delay(200);
        Assert.Equal(1, schedule.Runs);
        time.Advance(TimeSpan.FromHours(1));
        await WaitForRunsAsync(schedule, 2);
        await schedule.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Without_any_period_the_schedule_does_not_run()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var schedule = new RetentionPurgeService(factory.Services, Options.Create(new RetentionOptions()), NullLogger<RetentionPurgeService>.Instance, time);

        await schedule.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromDays(3));
        await Task.Delay(200);
        await schedule.StopAsync(CancellationToken.None);

        Assert.Equal(0, schedule.Runs);
    }

    private static string WorkflowInstanceIdsOf(string scopedBatchId) => AiFunctions.Workflows.WorkflowInstanceIds.Screening(scopedBatchId);

    private static RetentionPurge PurgeAt(IScreeningStore store, RetentionOptions settings, DateTimeOffset now) =>
        PurgeAt(store, settings, new FakeTimeProvider(now));

    private static RetentionPurge PurgeAt(IScreeningStore store, RetentionOptions settings, TimeProvider time) =>
        new(store, Options.Create(settings), NullLogger<RetentionPurge>.Instance, time);

    private static async Task WaitForRunsAsync(RetentionPurgeService schedule, int runs)
    {
        for (var i = 0; i < 100 && schedule.Runs < runs; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(runs, schedule.Runs);
    }
}
