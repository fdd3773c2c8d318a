using AiFunctions.Kernel.Errors;

namespace AiFunctions.Kernel.RateLimiting;

/// <summary>
/// The kernel's own request or token limit for a route target (<see cref="RateLimitOptions.Targets"/>) refused a
/// provider request before it was sent. Reason <see cref="AiFailureReason.CircuitOpen"/> ("the target was skipped"):
/// the route moves to its next target at once, the same target is not retried, its circuit breaker does not count
/// it, and when no target is left the call is transient with the window's reset as its retry hint.
/// </summary>
internal sealed class TargetLimitExceededException(string target, string limit, TimeSpan? retryAfter)
    : AiKernelException($"Target '{target}' is over the kernel's {limit} limit; the route moves to its next target.")
{
    /// <summary>"requests per minute" or "tokens per minute".</summary>
    public string Limit { get; } = limit;

    public override AiFailureReason Reason => AiFailureReason.CircuitOpen;

    public override bool IsTransient => true;

    public override TimeSpan? RetryAfter { get; } = retryAfter;
}
