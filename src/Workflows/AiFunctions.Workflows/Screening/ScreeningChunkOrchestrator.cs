using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Screens one chunk of a batch in groups of <see cref="ScreeningChunkInput.CandidatesPerActivity"/> candidates
/// (<see cref="ScreenCandidateGroupActivity"/>: one activity message, completion and replay step per group instead of
/// per candidate), with at most <see cref="ScreeningChunkInput.CandidatesInFlight"/> candidates in flight.
/// Per candidate, as before: a failed attempt is retried after a durable timer (first retry interval, doubling, at most
/// 5 minutes) — only the candidates that failed, in a group of their own — and a candidate that fails every attempt
/// is recorded as failed (<see cref="RecordCandidateFailureActivity"/>) while the chunk goes on.
/// Deterministic: no clocks, GUIDs or I/O here; groups start in input order.
/// </summary>
public sealed class ScreeningChunkOrchestrator : TaskOrchestrator<ScreeningChunkInput, ScreeningChunkResult>
{
    private static readonly TimeSpan MaxRetryInterval = TimeSpan.FromMinutes(5);

    public override async Task<ScreeningChunkResult> RunAsync(TaskOrchestrationContext context, ScreeningChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var groupSize = Math.Clamp(Math.Min(input.CandidatesPerActivity, input.CandidatesInFlight), 1, WorkflowLimits.MaxCandidatesPerActivity);
        var groupsInFlight = Math.Max(1, input.CandidatesInFlight / groupSize);

        var outcomes = (await WorkflowConcurrency.RunBoundedAsync(
            input.CandidateIds.Chunk(groupSize).ToArray(),
            groupsInFlight,
            ids => ScreenGroupAsync(context, input, ids)).ConfigureAwait(true)).SelectMany(o => o).ToArray();

        return new ScreeningChunkResult(
            input.ChunkIndex,
            outcomes.Count(o => o.Status == CandidateResultStatus.Screened),
            outcomes.Count(o => o.Status == CandidateResultStatus.Failed),
            outcomes.Count(o => o.MustHavesMet));
    }

    private static async Task<IReadOnlyList<CandidateScreeningOutcome>> ScreenGroupAsync(TaskOrchestrationContext context, ScreeningChunkInput input, IReadOnlyList<string> candidateIds)
    {
        var settled = new List<CandidateScreeningOutcome>(candidateIds.Count);
        IReadOnlyList<CandidateAttemptFailure> failures = [];
        var pending = candidateIds;
        var wait = input.FirstRetryInterval;
        for (var attempt = 1; attempt <= input.CandidateAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await context.CreateTimer(wait, CancellationToken.None).ConfigureAwait(true);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxRetryInterval.Ticks));
            }

            try
            {
                var result = await context.CallActivityAsync<ScreenCandidateGroupResult>(
                    WorkflowNames.ScreenCandidateGroupActivity,
                    new ScreenCandidateGroupInput(input.BatchId, input.Tenant, pending, input.CorrelationId, input.BatchAcceptedAt),
                    WorkflowRetry.Storage).ConfigureAwait(true);
                settled.AddRange(result.Settled);
                failures = result.Retry;
            }
            catch (TaskFailedException e)
            {
                // The group itself failed (the store, after its own retries): every pending candidate failed this attempt.
                var reason = $"{e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}";
                failures = pending.Select(id => new CandidateAttemptFailure(id, reason.Length > 1000 ? reason[..1000] : reason)).ToArray();
            }

            if (failures.Count == 0)
            {
                return settled;
            }

            pending = failures.Select(f => f.CandidateId).ToArray();
        }

        var recorded = await Task.WhenAll(failures.Select(f => context.CallActivityAsync<CandidateScreeningOutcome>(
            WorkflowNames.RecordCandidateFailureActivity,
            new RecordCandidateFailureInput(input.BatchId, f.CandidateId, f.Reason),
            WorkflowRetry.Storage))).ConfigureAwait(true);
        settled.AddRange(recorded);
        return settled;
    }
}
