using AiFunctions.Workflows.Screening.Activities;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Screens one chunk of a batch: <see cref="ScreenCandidateActivity"/> per candidate, at most
/// <see cref="ScreeningChunkInput.CandidatesInFlight"/> at a time, each retried with backoff; a candidate that fails
/// every attempt is recorded as failed (<see cref="RecordCandidateFailureActivity"/>) and the chunk goes on.
/// Deterministic: no clocks, GUIDs or I/O here.
/// </summary>
public sealed class ScreeningChunkOrchestrator : TaskOrchestrator<ScreeningChunkInput, ScreeningChunkResult>
{
    public override async Task<ScreeningChunkResult> RunAsync(TaskOrchestrationContext context, ScreeningChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
            maxNumberOfAttempts: input.CandidateAttempts,
            firstRetryInterval: input.FirstRetryInterval,
            backoffCoefficient: 2.0,
            maxRetryInterval: TimeSpan.FromMinutes(5)));

        var outcomes = await WorkflowConcurrency.RunBoundedAsync(
            input.CandidateIds,
            input.CandidatesInFlight,
            id => ScreenOneAsync(context, input, id, retry)).ConfigureAwait(true);

        return new ScreeningChunkResult(
            input.ChunkIndex,
            outcomes.Count(o => o.Status == Storage.CandidateResultStatus.Screened),
            outcomes.Count(o => o.Status == Storage.CandidateResultStatus.Failed),
            outcomes.Count(o => o.MustHavesMet));
    }

    private static async Task<CandidateScreeningOutcome> ScreenOneAsync(TaskOrchestrationContext context, ScreeningChunkInput input, string candidateId, TaskOptions retry)
    {
        try
        {
            return await context.CallActivityAsync<CandidateScreeningOutcome>(
                WorkflowNames.ScreenCandidateActivity,
                new ScreenCandidateInput(input.BatchId, input.Tenant, candidateId, input.CorrelationId),
                retry).ConfigureAwait(true);
        }
        catch (TaskFailedException e)
        {
            var reason = $"{e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}";
            return await context.CallActivityAsync<CandidateScreeningOutcome>(
                WorkflowNames.RecordCandidateFailureActivity,
                new RecordCandidateFailureInput(input.BatchId, candidateId, reason.Length > 1000 ? reason[..1000] : reason),
                WorkflowRetry.Storage).ConfigureAwait(true);
        }
    }
}
