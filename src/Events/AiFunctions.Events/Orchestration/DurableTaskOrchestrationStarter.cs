using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AiFunctions.Events.Orchestration;

/// <summary>
/// <see cref="IOrchestrationStarter"/> over the Durable Task client. Checks for the instance first; if two deliveries
/// race past the check, the backend rejects the second schedule of the same id (or replaces a not-yet-started one with
/// the same input), and a re-check after a failed schedule turns the rejection into "already started".
/// </summary>
public sealed class DurableTaskOrchestrationStarter(DurableTaskClient client) : IOrchestrationStarter
{
    public async Task<bool> StartIfAbsentAsync(string orchestratorName, string instanceId, object input, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(instanceId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(new TaskName(orchestratorName), input, new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (await ExistsAsync(instanceId, CancellationToken.None).ConfigureAwait(false))
            {
                return false;
            }

            throw;
        }
    }

    private async Task<bool> ExistsAsync(string instanceId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null;
}
