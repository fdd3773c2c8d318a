using AiFunctions.Kernel.Resilience;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFunctions.Hosting.Health;

/// <summary>
/// Readiness of the provider targets as their circuit breakers see them: Unhealthy when every target's circuit is
/// open (no route can fail over anywhere), Degraded when some are (routes fail over to the rest), naming the open
/// targets; Healthy otherwise. Reads in-process state only: it never calls a provider.
/// </summary>
internal sealed class ProviderCircuitsHealthCheck(ITargetHealth health) : IHealthCheck
{
    public const string Name = "providers";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var targets = health.Targets;
        var open = targets.Where(t => t.State is not (TargetCircuitState.Closed or TargetCircuitState.HalfOpen)).Select(t => t.Target).Order(StringComparer.Ordinal).ToArray();
        var data = new Dictionary<string, object> { ["openCircuits"] = open };
        if (open.Length == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{targets.Count} provider target(s), no open circuit.", data));
        }

        var text = $"Open circuit(s): {string.Join(", ", open)} (of {targets.Count} target(s)).";
        return Task.FromResult(open.Length == targets.Count
            ? HealthCheckResult.Unhealthy(text + " No target can serve a call until a circuit closes.", data: data)
            : HealthCheckResult.Degraded(text + " Routes fail over to the other targets.", data: data));
    }
}
