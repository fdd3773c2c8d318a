namespace AiFunctions.Kernel.Errors;

/// <summary>
/// What the kernel does with each <see cref="AiFailureReason"/>: the one table every layer reads (docs/kernel.md,
/// "Failure table", shows it with the workflow, event handler and webhook columns).
/// </summary>
public static class AiFailureReasons
{
    /// <summary>True when trying the same request again later (or on another target) may succeed.</summary>
    public static bool IsTransient(AiFailureReason reason) => reason switch
    {
        AiFailureReason.RateLimited or AiFailureReason.QuotaExhausted or AiFailureReason.Unavailable or AiFailureReason.Timeout
            or AiFailureReason.MalformedResponse or AiFailureReason.CircuitOpen or AiFailureReason.RateLimitExceeded
            or AiFailureReason.StreamInterrupted => true,
        _ => false,
    };

    /// <summary>
    /// True when the kernel moves the call to the route's next target after this failure. False: the request itself
    /// is wrong or refused (another target would get the same request), or a tenant limit or budget refused it.
    /// </summary>
    public static bool FailsOver(AiFailureReason reason) => reason switch
    {
        AiFailureReason.RateLimited or AiFailureReason.QuotaExhausted or AiFailureReason.Unavailable or AiFailureReason.Timeout
            or AiFailureReason.MalformedResponse or AiFailureReason.StructuredOutputInvalid or AiFailureReason.Unauthorized
            or AiFailureReason.NotSupported or AiFailureReason.CircuitOpen => true,
        _ => false,
    };

    /// <summary>
    /// True when the kernel may retry the same target after this failure (with backoff, or after a Retry-After no
    /// longer than the route's <c>MaxRetryWait</c>). Quota, timeouts, unreadable and schema-invalid answers move to
    /// the next target at once: the same target would most likely fail the same way, and the caller is waiting.
    /// </summary>
    public static bool RetriesSameTarget(AiFailureReason reason) =>
        reason is AiFailureReason.RateLimited or AiFailureReason.Unavailable;

    /// <summary>True when the failure counts against the target's circuit breaker (the target, not the request, is unwell).</summary>
    public static bool CountsForCircuit(AiFailureReason reason) =>
        reason is AiFailureReason.RateLimited or AiFailureReason.Unavailable or AiFailureReason.Timeout or AiFailureReason.MalformedResponse;
}
