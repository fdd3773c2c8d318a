namespace AiFunctions.Kernel.Resilience;

/// <summary>Raised by <see cref="ITargetHealth.CircuitOpened"/> when a target's circuit opens.</summary>
public sealed class CircuitOpenedEventArgs(string target, string instance, string model, TimeSpan breakDuration, string? reason, DateTimeOffset openedAt) : EventArgs
{
    /// <summary>"instance/model".</summary>
    public string Target { get; } = target;

    public string Instance { get; } = instance;

    public string Model { get; } = model;

    /// <summary>How long calls will skip this target before a probe is let through.</summary>
    public TimeSpan BreakDuration { get; } = breakDuration;

    /// <summary>Failure kind/status that tripped the breaker (no prompt or response text).</summary>
    public string? Reason { get; } = reason;

    public DateTimeOffset OpenedAt { get; } = openedAt;
}
