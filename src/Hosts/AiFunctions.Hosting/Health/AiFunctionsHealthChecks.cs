using AiFunctions.Events.ServiceBus;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFunctions.Hosting.Health;

/// <summary>
/// The health checks both hosts serve (Microsoft.Extensions.Diagnostics.HealthChecks): liveness (tag
/// <see cref="LiveTag"/>: the process answers) and readiness (tag <see cref="ReadyTag"/>: workflow storage, Service Bus
/// when configured, and the provider targets' circuits). docs/observability.md explains each.
/// </summary>
public static class AiFunctionsHealthChecks
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    /// <summary>How long a dependency check may take before it counts as down (the Azure SDK clients retry inside it).</summary>
    public static readonly TimeSpan DependencyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Adds the checks. Call after the events are registered, so a configured Service Bus gets its check.</summary>
    public static IHealthChecksBuilder AddAiFunctionsHealthChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The process answers."), [LiveTag])
            .AddCheck<StorageHealthCheck>(StorageHealthCheck.Name, HealthStatus.Unhealthy, [ReadyTag], DependencyTimeout)
            .AddCheck<ProviderCircuitsHealthCheck>(ProviderCircuitsHealthCheck.Name, HealthStatus.Unhealthy, [ReadyTag], DependencyTimeout);
        if (services.Any(d => d.ServiceType == typeof(ServiceBusClient)) && services.Any(d => d.ServiceType == typeof(EventEntityMap)))
        {
            builder.AddCheck<ServiceBusHealthCheck>(ServiceBusHealthCheck.Name, HealthStatus.Unhealthy, [ReadyTag], DependencyTimeout);
        }

        return builder;
    }
}
