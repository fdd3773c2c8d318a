using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Input of <see cref="RecordCandidateFailureActivity"/>.</summary>
/// <param name="Reason">Why the screening failed (error type and message; no resume text).</param>
public sealed record RecordCandidateFailureInput(string BatchId, string CandidateId, string Reason);

/// <summary>
/// Records that a candidate could not be screened after every attempt. Never overwrites a screened result (an
/// earlier attempt may have stored one before failing to report back).
/// </summary>
public sealed class RecordCandidateFailureActivity(IScreeningStore store, TimeProvider time) : WorkflowActivity<RecordCandidateFailureInput, CandidateScreeningOutcome>
{
    protected override async Task<CandidateScreeningOutcome> ExecuteAsync(TaskActivityContext context, RecordCandidateFailureInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = await store.GetResultAsync(input.BatchId, input.CandidateId).ConfigureAwait(false);
        if (existing is { Status: CandidateResultStatus.Screened })
        {
            return CandidateScreeningOutcome.Of(existing);
        }

        var candidate = await store.GetCandidateAsync(input.BatchId, input.CandidateId).ConfigureAwait(false);
        var failed = new CandidateResult(
            input.BatchId,
            input.CandidateId,
            candidate?.DisplayName ?? string.Empty,
            CandidateResultStatus.Failed,
            null,
            null,
            [],
            0,
            time.GetUtcNow(),
            Error: input.Reason);
        await store.UpsertResultAsync(failed).ConfigureAwait(false);
        return CandidateScreeningOutcome.Of(failed);
    }
}
