namespace AiFunctions.Kernel.RateLimiting;

/// <summary>One target's concurrency limit (<see cref="ConcurrencyLimitOptions"/>).</summary>
public sealed class ConcurrencyLimitRule
{
    /// <summary>
    /// Calls on the target at once (1-10,000). A call holds its slot for its whole attempt on the target: same-target
    /// retries and structured-output repairs included, the wait for a slot not counted in the route's <c>Timeout</c>.
    /// </summary>
    public int MaxConcurrentCalls { get; set; }

    /// <summary>
    /// Calls that may wait for a slot (0-100,000; default 1,000), oldest first. A call that finds the queue full skips
    /// the target as over its limit (reason <c>CircuitOpen</c>: the route moves to its next target, the circuit does
    /// not count it). A waiting call ends when its caller cancels.
    /// </summary>
    public int MaxQueuedCalls { get; set; } = 1000;
}
