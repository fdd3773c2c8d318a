using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace AiFunctions.Workflows.Tests;

public sealed class ScreeningOrchestrationTests(WorkflowHostFixture host) : IClassFixture<WorkflowHostFixture>
{
    private static readonly CandidateSubmission[] FiveCandidates =
    [
        Requests.Candidate("c-1", "Ada Lovelace", "C#", "Python", "Kafka"),
        Requests.Candidate("c-2", "Alan Turing", "C#"),
        Requests.Candidate("c-3", "Grace Hopper", "Python", "Kafka"),
        Requests.Candidate("c-4", "Edsger Dijkstra", "C#", "Kafka"),
        Requests.Candidate("c-5", "Barbara Liskov", "Java"),
    ];

    [Fact]
    public async Task Approval_completes_the_batch_with_a_ranked_shortlist_decision_trail_and_events()
    {
        var request = Requests.Batch("approve-1", FiveCandidates);
        var instanceId = await StartAsync(request);
        await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/approve-1");

        var awaiting = await host.Store.GetBatchAsync("approve-1");
        Assert.Equal(ScreeningBatchStatus.AwaitingReview, awaiting!.Status);
        Assert.Equal(new BatchProgress(5, 5, 0), awaiting.Progress);

        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, new ShortlistReviewDecision(ReviewDecision.Approve, "reviewer@contoso.com", "Looks right."));
        var summary = (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<ScreeningBatchSummary>()!;

        Assert.Equal(ScreeningOutcome.Approved, summary.Outcome);
        Assert.Equal((5, 5, 0, 3), (summary.Total, summary.Screened, summary.Failed, summary.MustHavesMet));
        Assert.Equal("reviewer@contoso.com", summary.DecidedBy);
        // Must-have (C#) first, then score: c-1 meets all three criteria, c-4 two, c-2 one.
        Assert.Equal(["c-1", "c-4", "c-2"], summary.Shortlist.Select(s => s.CandidateId));
        Assert.Equal([1, 2, 3], summary.Shortlist.Select(s => s.Rank));

        var results = await host.Store.GetResultsAsync("approve-1");
        Assert.Equal(["c-1", "c-4", "c-2", "c-3", "c-5"], results.Select(r => r.CandidateId));
        Assert.All(results, r => Assert.Equal("fake-model", r.Provenance!.Model));

        var trail = await host.Store.GetDecisionTrailAsync("approve-1");
        Assert.Equal([DecisionKind.Ranked, DecisionKind.ReviewRequested, DecisionKind.Approved], trail.Entries.Select(e => e.Kind));
        var approval = trail.Entries[^1];
        Assert.Equal(("reviewer@contoso.com", "Looks right."), (approval.Actor, approval.Comment));
        Assert.Equal(5, trail.Scoring.Count);
        Assert.All(trail.Scoring, s => Assert.Equal(("fake-instance", "fake", "hr.screen-resume"), (s.ProviderInstance, s.Plugin, s.Function)));

        var completed = Assert.Single(host.Events.OfType(WorkflowEventTypes.ScreeningCompleted), e => e.Subject == "screening/approve-1");
        Assert.Equal($"{instanceId}/completed", completed.Id);
        Assert.Equal(ScreeningOutcome.Approved, completed.DataAs<ScreeningCompletedEventData>()!.Outcome);
        Assert.Equal(ScreeningBatchStatus.Approved, (await host.Store.GetBatchAsync("approve-1"))!.Status);
    }

    [Fact]
    public async Task Rejection_ends_the_batch_rejected_and_records_the_reviewer()
    {
        var instanceId = await StartAsync(Requests.Batch("reject-1", FiveCandidates[..2]));
        await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/reject-1");

        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, new ShortlistReviewDecision(ReviewDecision.Reject, "hm@contoso.com", "Not enough Kafka."));
        var summary = (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<ScreeningBatchSummary>()!;

        Assert.Equal(ScreeningOutcome.Rejected, summary.Outcome);
        var trail = await host.Store.GetDecisionTrailAsync("reject-1");
        var rejection = trail.Entries[^1];
        Assert.Equal((DecisionKind.Rejected, "hm@contoso.com", "Not enough Kafka."), (rejection.Kind, rejection.Actor, rejection.Comment));
        Assert.Equal(ScreeningBatchStatus.Rejected, (await host.Store.GetBatchAsync("reject-1"))!.Status);
    }

    [Fact]
    public async Task A_decision_without_a_reviewer_is_ignored_and_the_gate_keeps_waiting()
    {
        var instanceId = await StartAsync(Requests.Batch("invalid-review-1", FiveCandidates[..2]));
        await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/invalid-review-1");

        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, new ShortlistReviewDecision(ReviewDecision.Approve, " "));
        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, null);
        await Task.Delay(500);
        var waiting = await host.Client.GetInstanceAsync(instanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting!.RuntimeStatus);

        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, new ShortlistReviewDecision(ReviewDecision.Reject, "hm@contoso.com"));
        var summary = (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<ScreeningBatchSummary>()!;
        Assert.Equal((ScreeningOutcome.Rejected, "hm@contoso.com"), (summary.Outcome, summary.DecidedBy));
    }

    [Fact]
    public async Task A_flood_of_invalid_decisions_is_read_only_up_to_the_bound_and_the_review_then_waits_for_its_deadline()
    {
        // Each payload read adds to the orchestration's history; past the bound the gate stops reading until the
        // deadline (DURABLE0011), so the valid decision raised after the flood is not taken and the batch expires.
        var policy = new ReviewPolicy { ShortlistSize = 1, ReviewTimeout = TimeSpan.FromSeconds(8), OnTimeout = ReviewTimeoutAction.Expire };
        var instanceId = await StartAsync(Requests.Batch("invalid-flood-1", FiveCandidates[..1], policy));
        await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/invalid-flood-1");

        for (var i = 0; i < ReviewGate<ShortlistReviewDecision>.MaxIgnoredPerWait; i++)
        {
            await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, new ShortlistReviewDecision(ReviewDecision.Approve, " "));
        }

        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, new ShortlistReviewDecision(ReviewDecision.Approve, "late@contoso.com"));
        var summary = (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<ScreeningBatchSummary>()!;

        Assert.Equal((ScreeningOutcome.Expired, (string?)null), (summary.Outcome, summary.DecidedBy));
    }

    [Fact]
    public async Task Timeout_with_escalate_records_the_escalation_keeps_waiting_and_then_accepts_approval()
    {
        var policy = new ReviewPolicy { ShortlistSize = 2, ReviewTimeout = TimeSpan.FromSeconds(1), OnTimeout = ReviewTimeoutAction.Escalate, MaxEscalations = 1 };
        var instanceId = await StartAsync(Requests.Batch("escalate-1", FiveCandidates[..3], policy));

        await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewEscalated, "screening/escalate-1");
        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, new ShortlistReviewDecision(ReviewDecision.Approve, "director@contoso.com"));
        var summary = (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<ScreeningBatchSummary>()!;

        Assert.Equal(ScreeningOutcome.Approved, summary.Outcome);
        Assert.Equal(1, summary.Escalations);
        var trail = await host.Store.GetDecisionTrailAsync("escalate-1");
        Assert.Equal([DecisionKind.Ranked, DecisionKind.ReviewRequested, DecisionKind.Escalated, DecisionKind.Approved], trail.Entries.Select(e => e.Kind));
        Assert.Equal("1", trail.Entries[2].Details!["escalation"]);
        var escalated = Assert.Single(host.Events.OfType(WorkflowEventTypes.ScreeningReviewEscalated), e => e.Subject == "screening/escalate-1");
        Assert.Equal($"{instanceId}/review-escalated/1", escalated.Id);
    }

    [Fact]
    public async Task Timeout_with_expire_ends_the_batch_expired_and_publishes_it()
    {
        var policy = new ReviewPolicy { ShortlistSize = 2, ReviewTimeout = TimeSpan.FromSeconds(1), OnTimeout = ReviewTimeoutAction.Expire };
        var instanceId = await StartAsync(Requests.Batch("expire-1", FiveCandidates[..2], policy));

        var summary = (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<ScreeningBatchSummary>()!;

        Assert.Equal(ScreeningOutcome.Expired, summary.Outcome);
        Assert.Null(summary.DecidedBy);
        Assert.Equal(0, summary.Escalations);
        var trail = await host.Store.GetDecisionTrailAsync("expire-1");
        Assert.Equal([DecisionKind.Ranked, DecisionKind.ReviewRequested, DecisionKind.Expired], trail.Entries.Select(e => e.Kind));
        Assert.Single(host.Events.OfType(WorkflowEventTypes.ScreeningExpired), e => e.Subject == "screening/expire-1");
        Assert.Equal(ScreeningBatchStatus.Expired, (await host.Store.GetBatchAsync("expire-1"))!.Status);
    }

    [Fact]
    public async Task Escalations_run_out_and_the_batch_expires()
    {
        var policy = new ReviewPolicy { ShortlistSize = 1, ReviewTimeout = TimeSpan.FromSeconds(1), OnTimeout = ReviewTimeoutAction.Escalate, MaxEscalations = 2 };
        var instanceId = await StartAsync(Requests.Batch("escalate-expire-1", FiveCandidates[..1], policy));

        var summary = (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<ScreeningBatchSummary>()!;

        Assert.Equal(ScreeningOutcome.Expired, summary.Outcome);
        Assert.Equal(2, summary.Escalations);
        var trail = await host.Store.GetDecisionTrailAsync("escalate-expire-1");
        Assert.Equal(
            [DecisionKind.Ranked, DecisionKind.ReviewRequested, DecisionKind.Escalated, DecisionKind.Escalated, DecisionKind.Expired],
            trail.Entries.Select(e => e.Kind));
    }

    [Fact]
    public async Task A_batch_larger_than_a_chunk_runs_in_sub_orchestrations_and_reports_progress_per_chunk()
    {
        var candidates = Enumerable.Range(0, 23).Select(i => Requests.Candidate($"p-{i:D2}", $"Person Number{i}", i % 2 == 0 ? "C#" : "Java")).ToArray();
        var concurrency = new ScreeningConcurrency { ChunkSize = 5, CandidatesInFlightPerChunk = 3, ChunksInFlight = 2 };
        var instanceId = await StartAsync(Requests.Batch("chunks-1", candidates, concurrency: concurrency));

        await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/chunks-1");
        var metadata = await host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        var progress = metadata!.ReadCustomStatusAs<ScreeningProgress>()!;
        Assert.Equal((23, 23, 0), (progress.Total, progress.Done, progress.Failed));
        Assert.Equal(ScreeningBatchStatus.AwaitingReview, progress.Status);
        Assert.Equal((5, 5), (progress.ChunksDone, progress.ChunksTotal));

        for (var chunk = 0; chunk < 5; chunk++)
        {
            var sub = await host.Client.GetInstanceAsync($"{instanceId}-chunk-{chunk:D5}", getInputsAndOutputs: true);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, sub!.RuntimeStatus);
            Assert.Equal(chunk < 4 ? 5 : 3, sub.ReadOutputAs<ScreeningChunkResult>()!.Screened);
        }

        Assert.Equal(new BatchProgress(23, 23, 0), (await host.Store.GetBatchAsync("chunks-1"))!.Progress);
        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, new ShortlistReviewDecision(ReviewDecision.Approve, "r"));
        Assert.Equal(ScreeningOutcome.Approved, (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<ScreeningBatchSummary>()!.Outcome);
    }

    [Fact]
    public async Task A_candidate_whose_screening_keeps_failing_is_recorded_as_failed_and_the_batch_goes_on()
    {
        var candidates = new[]
        {
            Requests.Candidate("ok-1", "Ada Lovelace", "C#"),
            Requests.Candidate("bad-1", "Alan Turing", "C#", WorkflowHostFixture.OutageMarker),
            Requests.Candidate("ok-2", "Grace Hopper", "Java"),
        };
        var concurrency = new ScreeningConcurrency { CandidateAttempts = 2, FirstRetryInterval = TimeSpan.FromSeconds(1) };
        var instanceId = await StartAsync(Requests.Batch("failing-1", candidates, concurrency: concurrency));

        await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/failing-1");
        var failed = await host.Store.GetResultAsync("failing-1", "bad-1");
        Assert.Equal(CandidateResultStatus.Failed, failed!.Status);
        Assert.Contains("Simulated provider outage", failed.Error, StringComparison.Ordinal);
        Assert.Null(failed.Rank);
        Assert.Equal(2, host.Invoker.ScreeningInputs.Count(i => i.ResumeText.Contains(WorkflowHostFixture.OutageMarker, StringComparison.Ordinal) && i.RequisitionId == "req-1"));

        // The three share one group; the retry re-screens only the failed candidate.
        foreach (var ok in new[] { "ok-1", "ok-2" })
        {
            Assert.Single(host.Invoker.ScreeningInputs, i => i.CandidateRef == Screening.Activities.ScreenCandidateGroupActivity.CandidateRef("failing-1", ok));
        }

        Assert.Equal(new BatchProgress(3, 2, 1), (await host.Store.GetBatchAsync("failing-1"))!.Progress);

        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, new ShortlistReviewDecision(ReviewDecision.Approve, "r"));
        var summary = (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<ScreeningBatchSummary>()!;
        Assert.Equal((2, 1), (summary.Screened, summary.Failed));
        Assert.Equal(["ok-1"], summary.Shortlist.Select(s => s.CandidateId));
    }

    [Fact]
    public async Task A_candidate_whose_provider_answers_400_is_settled_as_failed_after_one_call_without_durable_retries()
    {
        var candidates = new[]
        {
            Requests.Candidate("ok-1", "Ada Lovelace", "C#"),
            Requests.Candidate("400-1", "Alan Turing", "C#", WorkflowHostFixture.BadRequestMarker),
        };
        var concurrency = new ScreeningConcurrency { CandidateAttempts = 3, FirstRetryInterval = TimeSpan.FromSeconds(1) };
        await StartAsync(Requests.Batch("permanent-1", candidates, concurrency: concurrency));

        await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/permanent-1");

        var failed = await host.Store.GetResultAsync("permanent-1", "400-1");
        Assert.Equal(CandidateResultStatus.Failed, failed!.Status);
        Assert.Equal("BadRequest: Provider instance 'fake-instance': 400 invalid_request_error: 'messages' is malformed.", failed.Error);
        Assert.Single(host.Invoker.ScreeningInputs, i => i.CandidateRef == Screening.Activities.ScreenCandidateGroupActivity.CandidateRef("permanent-1", "400-1"));
        Assert.Equal(new BatchProgress(2, 1, 1), (await host.Store.GetBatchAsync("permanent-1"))!.Progress);
    }

    [Fact]
    public async Task An_invalid_request_fails_the_orchestration_with_a_message_naming_the_problem()
    {
        var request = Requests.Batch("invalid-1", []);
        var instanceId = await StartAsync(request);

        var metadata = await host.WaitForCompletionAsync(instanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Contains("candidates is empty", metadata.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    private Task<string> StartAsync(ScreeningBatchRequest request) => host.StartScreeningAsync(request);
}
