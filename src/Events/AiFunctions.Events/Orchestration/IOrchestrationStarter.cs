namespace AiFunctions.Events.Orchestration;

/// <summary>Starts orchestrations idempotently: a second start with the same instance id starts nothing.</summary>
public interface IOrchestrationStarter
{
    /// <summary>
    /// Schedules <paramref name="orchestratorName"/> as <paramref name="instanceId"/> unless that instance exists. Returns
    /// true when this call scheduled it, false when it existed already. Returns only once the start is durable.
    /// </summary>
    Task<bool> StartIfAbsentAsync(string orchestratorName, string instanceId, object input, CancellationToken cancellationToken);
}
