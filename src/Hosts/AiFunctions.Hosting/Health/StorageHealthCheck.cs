using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFunctions.Hosting.Health;

/// <summary>
/// Readiness of the workflow store (Table and Blob storage, or memory): one point read of a batch that does not
/// exist. A store that cannot answer makes the service not ready — no batch can be started, screened or reviewed.
/// </summary>
internal sealed class StorageHealthCheck(IScreeningStore store) : IHealthCheck
{
    public const string Name = "storage";

    private const string ProbeBatchId = "aifunctions-health-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetBatchAsync(ProbeBatchId, includeProgress: false, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The workflow store ({store.GetType().Name}) answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The workflow store ({store.GetType().Name}) does not answer: {ex.GetType().Name}. Check AiFunctions:Storage and that the storage account is reachable.", ex);
        }
    }
}
