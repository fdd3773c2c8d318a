namespace AiFunctions.Events.Orchestration;

/// <summary>
/// Stands in when the host registered no Durable Task client: the handlers that start orchestrations fail (transiently,
/// so nothing is lost) with a message that says what to register; the other handlers work.
/// </summary>
internal sealed class UnavailableOrchestrationStarter : IOrchestrationStarter
{
    public Task<bool> StartIfAbsentAsync(string orchestratorName, string instanceId, object input, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(
            $"Cannot start '{orchestratorName}': no DurableTaskClient is registered. The host must add the Durable Task client (AddDurableTaskClient) before events that start workflows can be handled.");
}
