namespace AiFunctions.Kernel.Resilience;

/// <summary>One target's health as the circuit breaker sees it. <see cref="Target"/> is "instance/model".</summary>
/// <param name="LastFailure">Failure kind and status of the last handled failure (never any prompt or response text).</param>
/// <param name="OpenedAt">When the circuit last opened, if it ever did.</param>
public sealed record TargetHealthInfo(string Target, string Instance, string Model, TargetCircuitState State, string? LastFailure, DateTimeOffset? OpenedAt);
