using AiFunctions.Workflows;
using Microsoft.DurableTask.Client;

namespace AiFunctions.Hosting.Lifecycle;

/// <summary>The orchestration history of one screening batch: its instance <c>screening-{tenant}.{batch}</c> and chunk sub-orchestrations.</summary>
internal static class BatchHistory
{
    /// <summary>
    /// Purges the batch instance of <paramref name="scopedBatchId"/> and its chunk sub-orchestrations
    /// (<c>-chunk-00000</c>, … until one is missing) when the instance has finished. Returns the instances purged, and
    /// whether the batch is still running (then nothing is purged). Idempotent: a purged batch answers (0, false).
    /// </summary>
    public static async Task<(int Purged, bool Running)> PurgeIfFinishedAsync(DurableTaskClient client, string scopedBatchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = WorkflowInstanceIds.Screening(scopedBatchId);
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return (0, false);
        }

        if (!instance.IsCompleted)
        {
            return (0, true);
        }

        var purged = 0;
        for (var chunk = 0; ; chunk++)
        {
            var result = await client.PurgeInstanceAsync($"{instanceId}-chunk-{chunk:D5}", cancellation: cancellationToken).ConfigureAwait(false);
            if (result.PurgedInstanceCount == 0)
            {
                break;
            }

            purged += result.PurgedInstanceCount;
        }

        purged += (await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken).ConfigureAwait(false)).PurgedInstanceCount;
        return (purged, false);
    }
}
