using AiFunctions.Events.ServiceBus;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFunctions.Hosting.Health;

/// <summary>
/// Readiness of Service Bus: peeks one message (without locking it) from the queue the event handlers listen on. Not
/// registered when no Service Bus is configured (the events then arrive only through the webhook in direct mode).
/// </summary>
internal sealed class ServiceBusHealthCheck(ServiceBusClient client, EventEntityMap map) : IHealthCheck
{
    public const string Name = "servicebus";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var receiver = client.CreateReceiver(map.Queue);
            await receiver.PeekMessageAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Service Bus answers (queue '{map.Queue}').");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Service Bus does not answer on queue '{map.Queue}': {ex.GetType().Name}. Check AiFunctions:ServiceBus and that the namespace is reachable.", ex);
        }
    }
}
