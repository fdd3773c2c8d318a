using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Screens one chunk of a batch in groups of <see cref="ScreeningChunkInput.CandidatesPerActivity"/> candidates
/// (<see cref="ScreenCandidateGroupActivity"/>: one activity message, completion and replay step per group instead of
/// per candidate). Activities in flight = max(2, ⌈in flight / group size⌉) (1 when one candidate is in flight), each
/// with a sliding window of ⌈in flight / activities⌉ calls, so the chunk keeps
/// <see cref="ScreeningChunkInput.CandidatesInFlight"/> calls busy and a slow call holds one slot, not a group.
/// Candidates an activity did not start within its start budget are scheduled again at once (not an attempt).
/// Per candidate: a transient failure is retried after a durable timer (first retry interval doubling, at least the
/// provider's Retry-After or the circuit's reopen time, at most 5 minutes) — only the candidates that failed, in a group
/// of their own. An open circuit or a 429/rate limit (no provider call made) waits without using up an attempt; every
/// retry is bounded by <see cref="ScreeningConcurrency.TransientRetryWindow"/> from the first failure. A candidate that
/// fails every attempt, stays failing past the window, or whose group failed permanently, is recorded as failed with the content-free reason
/// (<see cref="RecordCandidateFailureActivity"/>) while the chunk goes on. Permanent AI failures never come back here:
/// the activity stores them at once.
/// Deterministic: no clocks, GUIDs or I/O here; groups start in input order.
/// </summary>
public sealed class ScreeningChunkOrchestrator : TaskOrchestrator<ScreeningChunkInput, ScreeningChunkResult>
{
    private static readonly TimeSpan MaxRetryInterval = TimeSpan.FromMinutes(5);

    public override async Task<ScreeningChunkResult> RunAsync(TaskOrchestrationContext context, ScreeningChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var (groupSize, groupsInFlight, callsPerGroup) = Shape(input.CandidatesPerActivity, input.CandidatesInFlight);

        var outcomes = (await WorkflowConcurrency.RunBoundedAsync(
            input.CandidateIds.Chunk(GroupSizeFor(input.CandidateIds.Count, groupSize, groupsInFlight)).ToArray(),
            groupsInFlight,
            ids => ScreenGroupAsync(context, input, ids, callsPerGroup)).ConfigureAwait(true)).SelectMany(o => o).ToArray();

        return new ScreeningChunkResult(
            input.ChunkIndex,
            outcomes.Count(o => o.Status == CandidateResultStatus.Screened),
            outcomes.Count(o => o.Status == CandidateResultStatus.Failed),
            outcomes.Count(o => o.MustHavesMet),
            outcomes.Count(o => o.Held),
            outcomes.Where(o => o.Scorer is not null).Select(o => o.Scorer!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// Failures that made no provider call and say when to come back: every target's circuit open (the wait is the time
    /// until it half-opens), the provider's 429 or a local rate limit (Retry-After). They wait and do not use up attempts.
    /// </summary>
    internal static bool IsWaitForRecovery(string reason) =>
        reason.StartsWith(nameof(AiFunctions.Kernel.Errors.AiFailureReason.CircuitOpen) + ":", StringComparison.Ordinal)
        || reason.StartsWith(nameof(AiFunctions.Kernel.Errors.AiFailureReason.RateLimited) + ":", StringComparison.Ordinal)
        || reason.StartsWith(nameof(AiFunctions.Kernel.Errors.AiFailureReason.RateLimitExceeded) + ":", StringComparison.Ordinal);

    /// <summary>Group size, groups in flight and calls per group for a chunk (see the class summary).</summary>
    internal static (int GroupSize, int GroupsInFlight, int CallsPerGroup) Shape(int candidatesPerActivity, int candidatesInFlight)
    {
        var inFlight = Math.Max(1, candidatesInFlight);
        var groupSize = Math.Clamp(candidatesPerActivity, 1, WorkflowLimits.MaxCandidatesPerActivity);
        var groups = inFlight == 1 ? 1 : Math.Max(2, (inFlight + groupSize - 1) / groupSize);
        groups = Math.Min(groups, inFlight);
        var calls = Math.Min(groupSize, (inFlight + groups - 1) / groups);
        return (groupSize, groups, calls);
    }

    /// <summary>
    /// The size of a chunk's groups: at most <paramref name="groupSize"/>, and small enough that the chunk has at least
    /// <paramref name="groupsInFlight"/> groups, so a chunk smaller than groups × group size (a small batch, the last
    /// chunk) still keeps its candidates in flight instead of running one narrow group. Groups are then as even as
    /// <see cref="Enumerable.Chunk{TSource}"/> makes them (100 candidates in groups of 50: 50 + 50; 32 in groups of 50
    /// with 2 in flight: 16 + 16).
    /// </summary>
    internal static int GroupSizeFor(int candidates, int groupSize, int groupsInFlight)
    {
        if (candidates <= 0)
        {
            return Math.Max(1, groupSize);
        }

        var groups = Math.Max(Math.Max(1, groupsInFlight), (candidates + groupSize - 1) / groupSize);
        return Math.Max(1, (candidates + groups - 1) / groups);
    }

    private static async Task<IReadOnlyList<CandidateScreeningOutcome>> ScreenGroupAsync(TaskOrchestrationContext context, ScreeningChunkInput input, IReadOnlyList<string> candidateIds, int callsPerGroup)
    {
        var settled = new List<CandidateScreeningOutcome>(candidateIds.Count);
        var givenUp = new List<CandidateAttemptFailure>();
        var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
        var window = input.TransientRetryWindow ?? ScreeningConcurrency.Default.TransientRetryWindow;
        DateTime? firstFailure = null;
        IReadOnlyList<CandidateAttemptFailure> failures = [];
        var pending = candidateIds;
        var wait = input.FirstRetryInterval;
        for (var round = 1; pending.Count > 0; round++)
        {
            if (round > 1)
            {
                var hinted = failures.Max(f => f.RetryAfter) ?? TimeSpan.Zero;
                var delay = hinted > wait ? (hinted < MaxRetryInterval ? hinted : MaxRetryInterval) : wait;
                if (context.CurrentUtcDateTime + delay - firstFailure!.Value > window)
                {
                    // The next wait would end past the retry window: what is still failing is recorded as failed now.
                    givenUp.AddRange(failures.Select(f => f with { Reason = $"{f.Reason} (still failing after {RoundedDuration(context.CurrentUtcDateTime - firstFailure.Value)}; retry window {window})" }));
                    break;
                }

                await context.CreateTimer(delay, CancellationToken.None).ConfigureAwait(true);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxRetryInterval.Ticks));
            }

            var retry = new List<CandidateAttemptFailure>();
            var toRun = pending;
            while (toRun.Count > 0)
            {
                try
                {
                    var result = await context.CallActivityAsync<ScreenCandidateGroupResult>(
                        WorkflowNames.ScreenCandidateGroupActivity,
                        new ScreenCandidateGroupInput(input.BatchId, input.Tenant, toRun, input.CorrelationId, input.BatchAcceptedAt, callsPerGroup, input.ActivityStartBudget ?? ScreeningConcurrency.Default.ActivityStartBudget, input.RequiredScorer),
                        WorkflowRetry.Storage).ConfigureAwait(true);
                    settled.AddRange(result.Settled);
                    retry.AddRange(result.Retry);
                    toRun = result.NotStarted ?? [];
                }
                catch (TaskFailedException e)
                {
                    // The group itself failed (the store, after the transient retries, or for good): its candidates failed this attempt.
                    var reason = ActivityFailureException.ReasonOf(e.FailureDetails);
                    var failed = toRun.Select(id => new CandidateAttemptFailure(id, reason, ActivityFailureException.RetryAfterOf(e.FailureDetails)));
                    (e.FailureDetails.IsCausedBy<TransientActivityFailureException>() ? retry : givenUp).AddRange(failed);
                    toRun = [];
                }
            }

            // A failure that reached a provider uses up an attempt; one that only waited for a circuit or a rate limit does not.
            var again = new List<CandidateAttemptFailure>(retry.Count);
            foreach (var failure in retry)
            {
                var used = attempts[failure.CandidateId] = attempts.GetValueOrDefault(failure.CandidateId) + (IsWaitForRecovery(failure.Reason) ? 0 : 1);
                (used >= input.CandidateAttempts ? givenUp : again).Add(failure);
            }

            if (again.Count > 0)
            {
                firstFailure ??= context.CurrentUtcDateTime;
            }

            failures = again;
            pending = again.Select(f => f.CandidateId).ToArray();
        }

        if (givenUp.Count == 0)
        {
            return settled;
        }

        var recorded = await Task.WhenAll(givenUp.Select(f => context.CallActivityAsync<CandidateScreeningOutcome>(
            WorkflowNames.RecordCandidateFailureActivity,
            new RecordCandidateFailureInput(input.BatchId, f.CandidateId, f.Reason),
            WorkflowRetry.Storage))).ConfigureAwait(true);
        settled.AddRange(recorded);
        return settled;
    }

    private static string RoundedDuration(TimeSpan duration) => TimeSpan.FromSeconds(Math.Round(duration.TotalSeconds)).ToString();
}
