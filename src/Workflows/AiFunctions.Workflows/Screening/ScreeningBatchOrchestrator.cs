using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Resume screening batch, version <see cref="WorkflowVersions.ScreeningBatch"/> (docs/workflows.md):
/// persist the batch → screen candidates in chunk sub-orchestrations (bounded concurrency, progress in the custom
/// status after each chunk) → one scorer per batch: when the chunks report more than one scorer (a failover mixed
/// them), re-score the candidates of the other scorer(s) on the batch's scorer (<see cref="CheckScorersActivity"/>, at
/// most <see cref="MaxRescoreRounds"/> rounds) → rank on that scorer, storing the shortlist and "awaiting review" in one
/// activity → publish "review required" → wait for
/// <see cref="WorkflowNames.ShortlistReviewEvent"/> with a durable timer (on timeout: escalate and keep waiting up
/// to the policy's limit, or expire) → record the decision → publish completed/expired.
/// Deterministic: time from the context, no GUIDs, all I/O in activities.
/// </summary>
public sealed class ScreeningBatchOrchestrator : TaskOrchestrator<ScreeningBatchRequest, ScreeningBatchSummary>
{
    /// <summary>The decision-trail actor for automatic steps.</summary>
    public const string WorkflowActor = "workflow";

    /// <summary>Re-score rounds per batch: a candidate still on another scorer after them is left unranked, with a notice.</summary>
    public const int MaxRescoreRounds = 3;

    public override async Task<ScreeningBatchSummary> RunAsync(TaskOrchestrationContext context, ScreeningBatchRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = ScreeningBatchRequestValidator.Validate(input);
        if (problems.Count > 0)
        {
            throw new ArgumentException("The screening batch request is invalid: " + string.Join(" ", problems), nameof(input));
        }

        var run = new BatchRun(context, input);
        var total = input.Candidates.Count;
        context.SetCustomStatus(new ScreeningProgress(ScreeningBatchStatus.Accepted, total, 0, 0, 0, 0));
        var acceptedAt = OrchestrationTime.Now(context);
        await context.CallActivityAsync<int>(WorkflowNames.PersistBatchActivity, new PersistBatchInput(input, acceptedAt), WorkflowRetry.Storage).ConfigureAwait(true);

        var screening = await ScreenAllAsync(context, run, input.Candidates.Select(c => c.CandidateId).ToArray(), acceptedAt, null, null).ConfigureAwait(true);
        (run.Done, run.Failed, run.Chunks, run.Held, run.Scorers) = (screening.Screened + screening.Failed, screening.Failed, screening.Chunks, screening.Held, screening.Scorers);
        if (screening.Scorers.Count > 1)
        {
            await KeepOneScorerAsync(context, run, acceptedAt).ConfigureAwait(true);
        }
        else
        {
            // The chunks' outcomes name every scorer of the batch's stored results: with one (or none) there is nothing
            // to re-score, and the check would choose that one. Saves a read of every result and two durable round trips.
            run.Scorer = screening.Scorers.Count == 1 ? screening.Scorers[0] : null;
        }

        await RankAsync(context, run, null).ConfigureAwait(true);
        return await AwaitReviewAsync(context, run).ConfigureAwait(true);
    }

    /// <summary>
    /// Ranks (after applying a reviewer's hold releases, when given) — the rank activity stores the shortlist with the
    /// status <see cref="ScreeningBatchStatus.AwaitingReview"/> in the same write, so reviewers see it one durable round
    /// trip after screening — and records the outcome in the decision trail.
    /// </summary>
    private static async Task RankAsync(TaskOrchestrationContext context, BatchRun run, ShortlistReviewDecision? releases)
    {
        run.SetCustomStatus(ScreeningBatchStatus.Ranking);
        var ranking = await context.CallActivityAsync<RankingOutcome>(
            WorkflowNames.RankActivity,
            new RankInput(run.Input.BatchId, run.Policy.ShortlistSize, OrchestrationTime.Now(context), releases?.Reviewer, releases?.Releases, run.Scorer, ScreeningBatchStatus.AwaitingReview),
            WorkflowRetry.Storage).ConfigureAwait(true);
        run.Ranking = ranking;
        run.Held = ranking.Held;
        run.Scorers = ranking.Scorers ?? [];
        run.SetCustomStatus(ScreeningBatchStatus.AwaitingReview);
        var scorers = ranking.Scorers ?? [];
        await run.RecordAsync(DecisionKind.Ranked, WorkflowActor, ranking.OtherScorer > 0
            ? $"{ranking.OtherScorer} candidate(s) scored by another scorer than the ranking's ({string.Join(", ", scorers)}) could not be re-scored on it and are not ranked."
            : null, new Dictionary<string, string>
        {
            ["screened"] = ranking.Screened.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["failed"] = ranking.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["held"] = ranking.Held.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["mustHavesMet"] = ranking.MustHavesMet.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["shortlist"] = string.Join(",", ranking.Shortlist.Select(s => s.CandidateId)),
            ["tiedAtBoundary"] = string.Join(",", ranking.Shortlist.Where(s => s.TiedAtBoundary).Select(s => s.CandidateId)),
            ["scorers"] = string.Join(",", scorers),
            ["otherScorer"] = ranking.OtherScorer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ConfigureAwait(true);
    }

    /// <summary>
    /// One scorer per batch: while the batch's screened candidates have more than one scorer (a failover mid-batch), the
    /// check (<see cref="CheckScorersActivity"/>: the policy and the batch's scorer are its result, so replay is
    /// deterministic) lists the candidates of the other scorer(s), the change is recorded in the decision trail and the
    /// custom status, and they are screened again on the batch's scorer only. Bounded by <see cref="MaxRescoreRounds"/>.
    /// </summary>
    private static async Task KeepOneScorerAsync(TaskOrchestrationContext context, BatchRun run, DateTimeOffset acceptedAt)
    {
        for (var round = 1; ; round++)
        {
            var check = await context.CallActivityAsync<ScorerCheck>(
                WorkflowNames.CheckScorersActivity, new CheckScorersInput(run.Input.BatchId, run.Scorer), WorkflowRetry.Storage).ConfigureAwait(true);
            run.Scorer = check.Scorer;
            if (check.Rescore.Count == 0 || round > MaxRescoreRounds)
            {
                return;
            }

            var from = check.Scorers.Select(c => c.Scorer).Where(c => !string.Equals(c, check.Scorer, StringComparison.Ordinal)).ToArray();
            var change = new ScorerChange(round, from, check.Scorer!, check.Policy, check.Rescore.Count, OrchestrationTime.Now(context));
            run.ScorerChanges.Add(change);
            await run.RecordAsync(DecisionKind.ScorerChanged, WorkflowActor,
                $"A failover changed the scorer mid-batch: {check.Rescore.Count} candidate(s) scored by {string.Join(", ", from)} are re-scored on {check.Scorer} ({check.Policy}), so the ranking uses one scorer.",
                new Dictionary<string, string>
                {
                    ["round"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["from"] = string.Join(",", from),
                    ["to"] = check.Scorer!,
                    ["policy"] = check.Policy.ToString(),
                    ["candidates"] = string.Join(",", check.Rescore),
                    ["scorers"] = string.Join(",", check.Scorers.Select(c => $"{c.Scorer}={c.Candidates}")),
                }).ConfigureAwait(true);
            await run.SetStatusAsync(ScreeningBatchStatus.Screening, run.Input.Candidates.Count, change).ConfigureAwait(true);
            await ScreenAllAsync(context, run, check.Rescore, acceptedAt, check.Scorer, $"rescore{round}").ConfigureAwait(true);
        }
    }

    /// <summary>
    /// Screens <paramref name="candidateIds"/> in chunk sub-orchestrations (instance ids "{instance}-chunk-00000", or
    /// "{instance}-{pass}-chunk-00000" for a re-score pass on <paramref name="requiredScorer"/>), updating the custom
    /// status after each chunk.
    /// </summary>
    private static async Task<ScreeningPass> ScreenAllAsync(TaskOrchestrationContext context, BatchRun run, IReadOnlyList<string> candidateIds, DateTimeOffset acceptedAt, string? requiredScorer, string? pass)
    {
        var input = run.Input;
        var concurrency = input.Concurrency ?? ScreeningConcurrency.Default;
        var correlationId = input.CorrelationId ?? context.InstanceId;
        var chunks = candidateIds
            .Chunk(concurrency.ChunkSize)
            .Select((ids, index) => new ScreeningChunkInput(
                input.BatchId,
                input.Tenant,
                index,
                ids,
                concurrency.CandidatesInFlightPerChunk,
                concurrency.CandidateAttempts,
                concurrency.FirstRetryInterval,
                correlationId,
                concurrency.CandidatesPerActivity,
                acceptedAt,
                concurrency.ActivityStartBudget,
                concurrency.TransientRetryWindow,
                requiredScorer))
            .ToArray();

        int screened = 0, failed = 0, held = 0, chunksDone = 0;
        var scorers = new SortedSet<string>(StringComparer.Ordinal);
        var prefix = pass is null ? context.InstanceId : $"{context.InstanceId}-{pass}";
        if (pass is null)
        {
            context.SetCustomStatus(new ScreeningProgress(ScreeningBatchStatus.Screening, input.Candidates.Count, 0, 0, 0, chunks.Length));
        }

        await WorkflowConcurrency.RunBoundedAsync(
            chunks,
            concurrency.ChunksInFlight,
            chunk => context.CallSubOrchestratorAsync<ScreeningChunkResult>(
                WorkflowNames.ScreeningChunkOrchestrator,
                chunk,
                new SubOrchestrationOptions { InstanceId = $"{prefix}-chunk-{chunk.ChunkIndex:D5}" }),
            result =>
            {
                screened += result.Screened;
                failed += result.Failed;
                held += result.Held;
                scorers.UnionWith(result.Scorers ?? []);
                chunksDone++;
                if (pass is null)
                {
                    context.SetCustomStatus(new ScreeningProgress(ScreeningBatchStatus.Screening, input.Candidates.Count, screened + failed, failed, chunksDone, chunks.Length, held, [.. scorers]));
                }
            }).ConfigureAwait(true);
        return new ScreeningPass(screened, failed, held, chunks.Length, [.. scorers]);
    }

    private sealed record ScreeningPass(int Screened, int Failed, int Held, int Chunks, IReadOnlyList<string> Scorers);

    private static async Task<ScreeningBatchSummary> AwaitReviewAsync(TaskOrchestrationContext context, BatchRun run)
    {
        var policy = run.Policy;
        var gate = new ReviewGate<ShortlistReviewDecision>(
            context,
            WorkflowNames.ShortlistReviewEvent,
            review => Enum.IsDefined(review.Decision) && !string.IsNullOrWhiteSpace(review.Reviewer)
                && (review.Decision != ReviewDecision.ReleaseHeld || review.Releases is { Count: > 0 }));
        for (var escalation = 0; ; escalation++)
        {
            var deadline = OrchestrationTime.Deadline(context, policy.ReviewTimeout);
            var type = escalation == 0 ? WorkflowEventTypes.ScreeningReviewRequired : WorkflowEventTypes.ScreeningReviewEscalated;
            await run.PublishAsync(type, $"{type["ai.screening.".Length..]}/{escalation}", new ScreeningReviewEventData(
                run.Input.BatchId,
                run.Input.Requisition.RequisitionId,
                context.InstanceId,
                run.Ranking!.Shortlist.Count,
                run.Ranking.Shortlist.Select(s => s.CandidateId).ToArray(),
                escalation,
                new DateTimeOffset(deadline))).ConfigureAwait(true);
            await run.RecordAsync(
                escalation == 0 ? DecisionKind.ReviewRequested : DecisionKind.Escalated,
                WorkflowActor,
                escalation == 0 ? null : $"No review within {policy.ReviewTimeout}; escalation {escalation} of {policy.MaxEscalations}.",
                Deadline(deadline, escalation)).ConfigureAwait(true);

            while (await gate.WaitAsync(deadline).ConfigureAwait(true) is { } review)
            {
                if (review.Decision == ReviewDecision.ReleaseHeld)
                {
                    // The reviewer's explicit release of held candidates: recorded, then the batch re-ranks and waits again.
                    await run.RecordAsync(DecisionKind.HoldReleased, review.Reviewer, review.Comment, new Dictionary<string, string>
                    {
                        ["candidates"] = string.Join(",", (review.Releases ?? []).Select(r => r.CandidateId)),
                        ["reasons"] = string.Join(" | ", (review.Releases ?? []).Select(r => $"{r.CandidateId}: {r.Comment}")),
                    }).ConfigureAwait(true);
                    await RankAsync(context, run, review).ConfigureAwait(true);
                    continue;
                }

                if (review.Decision == ReviewDecision.Approve && run.Ranking!.Screened == 0)
                {
                    await run.RecordAsync(DecisionKind.ApprovalRefused, review.Reviewer, "No candidate was screened and ranked: there is nothing to approve. Release held candidates, reject the batch, or let it expire.", null).ConfigureAwait(true);
                    continue;
                }

                return await CompleteAsync(run, review, escalation).ConfigureAwait(true);
            }

            if (policy.OnTimeout == ReviewTimeoutAction.Expire || escalation >= policy.MaxEscalations)
            {
                return await ExpireAsync(run, escalation).ConfigureAwait(true);
            }
        }
    }

    private static async Task<ScreeningBatchSummary> CompleteAsync(BatchRun run, ShortlistReviewDecision review, int escalations)
    {
        var approved = review.Decision == ReviewDecision.Approve;
        var reviewer = review.Reviewer;
        await run.RecordAsync(approved ? DecisionKind.Approved : DecisionKind.Rejected, reviewer, review.Comment, null).ConfigureAwait(true);
        var outcome = approved ? ScreeningOutcome.Approved : ScreeningOutcome.Rejected;
        await run.SetStatusAsync(approved ? ScreeningBatchStatus.Approved : ScreeningBatchStatus.Rejected, run.Input.Candidates.Count).ConfigureAwait(true);
        var summary = run.Summary(outcome, escalations, reviewer);
        await run.PublishAsync(WorkflowEventTypes.ScreeningCompleted, "completed", run.CompletedData(summary)).ConfigureAwait(true);
        return summary;
    }

    private static async Task<ScreeningBatchSummary> ExpireAsync(BatchRun run, int escalations)
    {
        await run.RecordAsync(DecisionKind.Expired, WorkflowActor, $"No review after {escalations} escalation(s).", null).ConfigureAwait(true);
        await run.SetStatusAsync(ScreeningBatchStatus.Expired, run.Input.Candidates.Count).ConfigureAwait(true);
        var summary = run.Summary(ScreeningOutcome.Expired, escalations, null);
        await run.PublishAsync(WorkflowEventTypes.ScreeningExpired, "expired", run.CompletedData(summary)).ConfigureAwait(true);
        return summary;
    }

    private static Dictionary<string, string> Deadline(DateTime deadline, int escalation) => new()
    {
        ["deadline"] = new DateTimeOffset(deadline).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["escalation"] = escalation.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>State of one run that the steps share (rebuilt identically on every replay).</summary>
    private sealed class BatchRun(TaskOrchestrationContext context, ScreeningBatchRequest input)
    {
        private int _sequence;

        public ScreeningBatchRequest Input { get; } = input;

        public ReviewPolicy Policy { get; } = input.ReviewPolicy ?? new ReviewPolicy();

        public RankingOutcome? Ranking { get; set; }

        public int Done { get; set; }

        public int Failed { get; set; }

        public int Chunks { get; set; }

        public int Held { get; set; }

        /// <summary>The batch's one scorer, once a check chose it.</summary>
        public string? Scorer { get; set; }

        public IReadOnlyList<string> Scorers { get; set; } = [];

        public List<ScorerChange> ScorerChanges { get; } = [];

        public ScreeningProgress Progress(ScreeningBatchStatus status) =>
            new(status, Input.Candidates.Count, Done, Failed, Chunks, Chunks, Held, Scorers, ScorerChanges.Count > 0 ? [.. ScorerChanges] : null);

        private string CorrelationId => Input.CorrelationId ?? context.InstanceId;

        public Task RecordAsync(DecisionKind kind, string actor, string? comment, IReadOnlyDictionary<string, string>? details) =>
            context.CallActivityAsync<bool>(
                WorkflowNames.RecordDecisionActivity,
                new DecisionTrailEntry(Input.BatchId, _sequence++, kind, actor, OrchestrationTime.Now(context), comment, details),
                WorkflowRetry.Storage);

        /// <summary>The custom status only (what the durable status query shows); the stored status is written by an activity.</summary>
        public void SetCustomStatus(ScreeningBatchStatus status) => context.SetCustomStatus(Progress(status));

        public Task SetStatusAsync(ScreeningBatchStatus status, int total, ScorerChange? change = null)
        {
            context.SetCustomStatus(Progress(status) with { Total = total });
            return context.CallActivityAsync<bool>(WorkflowNames.UpdateBatchStatusActivity, new UpdateBatchStatusInput(Input.BatchId, status, OrchestrationTime.Now(context), change), WorkflowRetry.Storage);
        }

        public Task PublishAsync<TData>(string type, string step, TData data) =>
            context.CallActivityAsync<bool>(
                WorkflowNames.PublishWorkflowEventActivity,
                WorkflowEvent.Create($"{context.InstanceId}/{step}", type, $"screening/{Input.BatchId}", OrchestrationTime.Now(context), Input.Tenant, CorrelationId, data),
                WorkflowRetry.Storage);

        public ScreeningBatchSummary Summary(ScreeningOutcome outcome, int escalations, string? decidedBy) => new(
            Input.BatchId,
            outcome,
            Input.Candidates.Count,
            Ranking!.Screened,
            Ranking.Failed,
            Ranking.MustHavesMet,
            Ranking.Shortlist,
            escalations,
            decidedBy,
            OrchestrationTime.Now(context));

        public ScreeningCompletedEventData CompletedData(ScreeningBatchSummary summary) => new(
            summary.BatchId,
            Input.Requisition.RequisitionId,
            context.InstanceId,
            summary.Outcome,
            summary.Total,
            summary.Screened,
            summary.Failed,
            summary.Shortlist.Select(s => s.CandidateId).ToArray(),
            summary.DecidedBy,
            summary.Escalations);
    }
}
