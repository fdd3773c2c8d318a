namespace AiFunctions.Kernel.Resilience;

/// <summary>The circuit-breaker state of one route target (provider instance + model).</summary>
public enum TargetCircuitState
{
    /// <summary>Calls flow normally.</summary>
    Closed,
    /// <summary>Too many recent failures: calls are not sent; routes fail over to their next target until the break ends.</summary>
    Open,
    /// <summary>The break has ended: the next call is a probe that closes (success) or re-opens (failure) the circuit.</summary>
    HalfOpen,
    /// <summary>Held open by an operator.</summary>
    Isolated,
}
