namespace AiFunctions.Kernel.Resilience;

/// <summary>
/// Circuit-breaker state of every route target (provider instance + model), for health endpoints, the management
/// UI and events (<c>ai.provider.circuit-opened</c>). One circuit per target, shared by every route that uses it.
/// </summary>
public interface ITargetHealth
{
    /// <summary>Every target named by a configured route, with its current state.</summary>
    IReadOnlyList<TargetHealthInfo> Targets { get; }

    /// <summary>One target's state ("instance/model"); Closed for a target that has not been called yet.</summary>
    TargetHealthInfo Get(string instance, string model);

    /// <summary>Raised (on the calling thread, synchronously) when a target's circuit opens. Handlers must not throw or block.</summary>
    event EventHandler<CircuitOpenedEventArgs>? CircuitOpened;

    /// <summary>Raised when a target's circuit closes again after a successful probe.</summary>
    event EventHandler<TargetHealthInfo>? CircuitClosed;
}
