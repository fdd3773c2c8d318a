using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Input of <see cref="UpdateBatchStatusActivity"/>.</summary>
/// <param name="ScorerChange">A scorer change to record on the batch (what the status resource shows), when there is one.</param>
public sealed record UpdateBatchStatusInput(string BatchId, ScreeningBatchStatus Status, DateTimeOffset At, ScorerChange? ScorerChange = null);

/// <summary>Sets the stored batch's status and records a scorer change on it (what the API's status view shows). Idempotent.</summary>
public sealed class UpdateBatchStatusActivity(IScreeningStore store) : WorkflowActivity<UpdateBatchStatusInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, UpdateBatchStatusInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.ScorerChange is { } change)
        {
            await store.RecordScorerChangeAsync(input.BatchId, change).ConfigureAwait(false);
        }

        await store.SetBatchStatusAsync(input.BatchId, input.Status, input.At).ConfigureAwait(false);
        return true;
    }
}
