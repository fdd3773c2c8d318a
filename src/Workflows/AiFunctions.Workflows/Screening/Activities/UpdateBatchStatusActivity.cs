using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Input of <see cref="UpdateBatchStatusActivity"/>.</summary>
public sealed record UpdateBatchStatusInput(string BatchId, ScreeningBatchStatus Status, DateTimeOffset At);

/// <summary>Sets the stored batch's status (what the API's status view shows). Idempotent.</summary>
public sealed class UpdateBatchStatusActivity(IScreeningStore store) : WorkflowActivity<UpdateBatchStatusInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, UpdateBatchStatusInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await store.SetBatchStatusAsync(input.BatchId, input.Status, input.At).ConfigureAwait(false);
        return true;
    }
}
