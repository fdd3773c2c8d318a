using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AiFunctions.Events.Orchestration;

/// <summary>
/// <see cref="IOrchestrationStarter"/> over the Durable Task client: check for the instance, schedule it if absent.
/// Two deliveries of the same event handled at once in this process are serialised on a lock stripe chosen by the
/// instance id, so the second sees the first's instance (the in-memory backend would otherwise accept both schedules
/// and corrupt the instance). Across processes the backend decides: the Azure Storage provider rejects a second
/// schedule of a pending or running instance, and a re-check after a failed schedule turns that into "already started".
/// </summary>
internal sealed class DurableTaskOrchestrationStarter(DurableTaskClient client) : IOrchestrationStarter, IDisposable
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<bool> StartIfAbsentAsync(string orchestratorName, string instanceId, object input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(instanceId) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
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
        finally
        {
            stripe.Release();
        }
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Dispose();
        }
    }

    private async Task<bool> ExistsAsync(string instanceId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null;
}
