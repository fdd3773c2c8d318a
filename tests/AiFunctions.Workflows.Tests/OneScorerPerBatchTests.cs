using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Errors;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Tests.Support;
using Microsoft.DurableTask.Client;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary>
/// Issue 10 item 4 on the in-memory Durable host: a failover that changes the scorer mid-batch makes the batch re-score
/// the candidates of the other scorer on one scorer (Rescore: the scorer the route gives now), say so in the decision
/// trail and the custom status, and rank on that scorer only.
/// </summary>
public sealed class OneScorerPerBatchTests(WorkflowHostFixture host) : IClassFixture<WorkflowHostFixture>
{
    internal static readonly ScreeningConcurrency OneAtATime = new()
    {
        CandidatesPerActivity = 1, CandidatesInFlightPerChunk = 1, ChunksInFlight = 1, FirstRetryInterval = TimeSpan.FromSeconds(1),
    };

    internal static CandidateSubmission[] Six() =>
    [
        Requests.Candidate("c-1", "Ada Lovelace", "C#", "Python"),
        Requests.Candidate("c-2", "Alan Turing", "C#"),
        Requests.Candidate("c-3", "Grace Hopper", "Python", "Kafka"),
        Requests.Candidate("c-4", "Edsger Dijkstra", "C#", "Kafka"),
        Requests.Candidate("c-5", "Barbara Liskov", "Java"),
        Requests.Candidate("c-6", "Donald Knuth", "C#", "Python", "Kafka"),
    ];

    /// <summary>
    /// A route that fails over from a/m1 to b/m1 after <paramref name="before"/> calls of the batch (its circuit opened),
    /// and answers an exclusive call on the target asked for.
    /// </summary>
    internal static Func<ScreeningInput, AiCallContext, (string, string, bool)> FailoverAfter(int before)
    {
        var calls = 0;
        return (_, call) =>
        {
            if (call.Targeting is { Exclusive: true, Target: { } only })
            {
                var parts = only.Split('/');
                return (parts[0], parts[1], false);
            }

            return Interlocked.Increment(ref calls) <= before ? ("a", "m1", false) : ("b", "m1", false);
        };
    }

    [Fact]
    public async Task A_failover_mid_batch_re_scores_the_earlier_candidates_on_the_new_scorer_and_the_trail_and_status_say_so()
    {
        host.Invoker.Scorer = FailoverAfter(3);
        var instanceId = await StartAsync(host, Requests.Batch("scorer-rescore-1", Six(), concurrency: OneAtATime));
        await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/scorer-rescore-1");

        var results = await host.Store.GetResultsAsync("scorer-rescore-1");
        var scorer = $"b/m1@{HrFunctions.HrFunctionNames.ScreenResume}:{ResumeScreeningFunction.PromptVersion}";
        Assert.All(results, r => Assert.Equal(scorer, r.Scorer));
        Assert.All(results, r => Assert.NotNull(r.Rank));

        // Only the three candidates first scored on a/m1 were screened again, each once, on b/m1 alone.
        var exclusive = host.Invoker.CallContexts.Where(c => c.Targeting is { Exclusive: true }).ToArray();
        Assert.Equal(3, exclusive.Length);
        Assert.All(exclusive, c => Assert.Equal("b/m1", c.Targeting!.Target));

        // The review event is published before the ReviewRequested entry is recorded: wait for the entry (a loaded machine lags).
        await HostWaits.WaitUntilAsync(
            async () => (await host.Store.GetDecisionTrailAsync("scorer-rescore-1")).Entries.Any(e => e.Kind == DecisionKind.ReviewRequested),
            TimeSpan.FromSeconds(30), "the ReviewRequested trail entry");
        var trail = await host.Store.GetDecisionTrailAsync("scorer-rescore-1");
        Assert.Equal([DecisionKind.ScorerChanged, DecisionKind.Ranked, DecisionKind.ReviewRequested], trail.Entries.Select(e => e.Kind));
        var change = trail.Entries[0];
        Assert.Equal($"a/m1@{HrFunctions.HrFunctionNames.ScreenResume}:{ResumeScreeningFunction.PromptVersion}", change.Details!["from"]);
        Assert.Equal(scorer, change.Details["to"]);
        Assert.Equal("Rescore", change.Details["policy"]);
        Assert.Equal(3, change.Details["candidates"].Split(',').Length);
        Assert.Contains("re-scored", change.Comment, StringComparison.Ordinal);
        Assert.Equal(scorer, trail.Entries[1].Details!["scorers"]);

        var status = (await host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))!.ReadCustomStatusAs<ScreeningProgress>()!;
        Assert.Equal(ScreeningBatchStatus.AwaitingReview, status.Status);
        var recorded = Assert.Single(status.ScorerChanges!);
        Assert.Equal((1, scorer, ScorerChangePolicy.Rescore, 3), (recorded.Round, recorded.To, recorded.Policy, recorded.Candidates));
        Assert.Equal([scorer], status.Scorers);

        // What the API's status resource reads: the change on the batch record, and the scorers and held count with the progress.
        var batch = (await host.Store.GetBatchAsync("scorer-rescore-1"))!;
        var stored = Assert.Single(batch.ScorerChanges!);
        Assert.Equal((recorded.Round, recorded.To, recorded.Candidates, recorded.At), (stored.Round, stored.To, stored.Candidates, stored.At));
        Assert.Equal(recorded.From, stored.From);
        Assert.Equal([scorer], batch.Scorers);
        Assert.Equal(new BatchProgress(6, 6, 0, 0), batch.Progress);

        // Mixed scorers: the check read the results (twice: before and after the re-score), then the ranking did.
        Assert.Equal(3, host.StoreCalls.Count(c => c.Method == nameof(IScreeningStore.GetResultsAsync) && Equals(c.Args[0], "scorer-rescore-1")));
        host.Invoker.Scorer = null;
    }

    [Fact]
    public async Task A_batch_on_one_scorer_is_not_re_scored_and_its_calls_share_the_batch_affinity()
    {
        var instanceId = await StartAsync(host, Requests.Batch("scorer-one-1", Six()[..3]));
        await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/scorer-one-1");

        var trail = await host.Store.GetDecisionTrailAsync("scorer-one-1");
        Assert.DoesNotContain(trail.Entries, e => e.Kind == DecisionKind.ScorerChanged);
        var status = (await host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true))!.ReadCustomStatusAs<ScreeningProgress>()!;
        Assert.Null(status.ScorerChanges);
        Assert.Contains(host.Invoker.CallContexts, c => c.Targeting == RouteTargetPreference.Affinity("scorer-one-1"));

        // One scorer in the chunks' outcomes: no scorer check (the ranking's read is the only read of the results), and
        // the shortlist is stored with "awaiting review" in the ranking's one write, no status write around it.
        var calls = host.StoreCalls.Where(c => c.Args.Length > 0 && Equals(c.Args[0], "scorer-one-1")).ToArray();
        Assert.Single(calls, c => c.Method == nameof(IScreeningStore.GetResultsAsync));
        var statusWrite = Assert.Single(calls, c => c.Method == nameof(IScreeningStore.SetBatchStatusAsync));
        Assert.Equal(ScreeningBatchStatus.AwaitingReview, statusWrite.Args[1]);
        var shortlist = Assert.IsAssignableFrom<IReadOnlyList<ShortlistEntry>>(statusWrite.Args[3]);
        Assert.NotEmpty(shortlist);
        var batch = (await host.Store.GetBatchAsync("scorer-one-1"))!;
        Assert.Equal(ScreeningBatchStatus.AwaitingReview, batch.Status);
        Assert.Equal(shortlist.Select(s => s.CandidateId), batch.Shortlist!.Select(s => s.CandidateId));
    }

    [Fact]
    public async Task A_candidate_waiting_for_an_open_circuit_is_retried_past_its_attempts_and_screened_when_the_circuit_closes()
    {
        // Attempts = 1: if a circuit-open failure used up an attempt, the candidate would be recorded Failed at once.
        var waiting = ScreenCandidateGroupActivity.CandidateRef("circuit-1", "c-2");
        var failures = 0;
        host.Invoker.FailWhen = i => i.CandidateRef == waiting && Interlocked.Increment(ref failures) <= 3;
        host.Invoker.Failure = _ => CircuitOpen(TimeSpan.FromSeconds(1));
        try
        {
            var concurrency = OneAtATime with { CandidateAttempts = 1 };
            await StartAsync(host, Requests.Batch("circuit-1", Six()[..3], concurrency: concurrency));
            await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/circuit-1", timeout: TimeSpan.FromSeconds(60));

            var result = await host.Store.GetResultAsync("circuit-1", "c-2");
            Assert.Equal(CandidateResultStatus.Screened, result!.Status);
            Assert.Equal(4, host.Invoker.ScreeningInputs.Count(i => i.CandidateRef == waiting));
            Assert.Equal(new BatchProgress(3, 3, 0), (await host.Store.GetBatchAsync("circuit-1"))!.Progress);
        }
        finally
        {
            host.Invoker.FailWhen = null;
        }
    }

    [Fact]
    public async Task A_circuit_that_stays_open_past_the_retry_window_records_the_candidate_failed_naming_the_window()
    {
        var waiting = ScreenCandidateGroupActivity.CandidateRef("circuit-2", "c-1");
        host.Invoker.FailWhen = i => i.CandidateRef == waiting;
        host.Invoker.Failure = _ => CircuitOpen(TimeSpan.FromMinutes(10));
        try
        {
            var concurrency = OneAtATime with { TransientRetryWindow = TimeSpan.FromMinutes(1) };
            await StartAsync(host, Requests.Batch("circuit-2", Six()[..2], concurrency: concurrency));
            await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/circuit-2");

            var result = await host.Store.GetResultAsync("circuit-2", "c-1");
            Assert.Equal(CandidateResultStatus.Failed, result!.Status);
            Assert.StartsWith("CircuitOpen:", result.Error, StringComparison.Ordinal);
            Assert.Contains("retry window 00:01:00", result.Error, StringComparison.Ordinal);
            Assert.Single(host.Invoker.ScreeningInputs, i => i.CandidateRef == waiting);
        }
        finally
        {
            host.Invoker.FailWhen = null;
        }
    }

    internal static RouteFailedException CircuitOpen(TimeSpan reopensIn) =>
        new("screening", [new RouteAttemptFailure("a/m1", "circuit open", AiFailureReason.CircuitOpen, reopensIn)], null);

    internal static Task<string> StartAsync(WorkflowHostFixture host, ScreeningBatchRequest request) => host.StartScreeningAsync(request);
}

/// <summary>The host with <c>AiFunctions:Screening:OnScorerChange = WaitForOriginal</c>.</summary>
public sealed class WaitForOriginalHostFixture : WorkflowHostFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["AiFunctions:Screening:OnScorerChange"] = "WaitForOriginal",
    };
}

/// <summary>WaitForOriginal: the candidates of the failover scorer are re-scored on the batch's first scorer once its circuit closes.</summary>
public sealed class WaitForOriginalScorerTests(WaitForOriginalHostFixture host) : IClassFixture<WaitForOriginalHostFixture>
{
    [Fact]
    public async Task The_failover_candidates_wait_for_the_original_scorer_and_are_re_scored_on_it()
    {
        var failover = OneScorerPerBatchTests.FailoverAfter(2);
        var closedAfter = 0;
        host.Invoker.Scorer = failover;
        // The original's circuit is still open for the first exclusive call: it waits (without using up the one attempt).
        host.Invoker.FailWhen = _ => AiCallContext.Current.Targeting is { Exclusive: true, Target: "a/m1" } && Interlocked.Increment(ref closedAfter) == 1;
        host.Invoker.Failure = _ => OneScorerPerBatchTests.CircuitOpen(TimeSpan.FromSeconds(1));
        var concurrency = OneScorerPerBatchTests.OneAtATime with { CandidateAttempts = 1 };
        await OneScorerPerBatchTests.StartAsync(host, Requests.Batch("scorer-wait-1", OneScorerPerBatchTests.Six()[..5], concurrency: concurrency));
        await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, "screening/scorer-wait-1", timeout: TimeSpan.FromSeconds(60));

        var original = $"a/m1@{HrFunctions.HrFunctionNames.ScreenResume}:{ResumeScreeningFunction.PromptVersion}";
        var results = await host.Store.GetResultsAsync("scorer-wait-1");
        Assert.All(results, r => Assert.Equal(original, r.Scorer));
        var trail = await host.Store.GetDecisionTrailAsync("scorer-wait-1");
        var change = Assert.Single(trail.Entries, e => e.Kind == DecisionKind.ScorerChanged);
        Assert.Equal(("WaitForOriginal", original, 3), (change.Details!["policy"], change.Details["to"], change.Details["candidates"].Split(',').Length));
    }
}
