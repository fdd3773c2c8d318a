using AiFunctions.Kernel.Errors;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AiFunctions.Kernel.Resilience;

/// <summary>
/// Classifies call failures by <see cref="AiFailureReason"/> (the decisions themselves are in
/// <see cref="AiFailureReasons"/>) and describes them in short, content-free text (safe to log).
/// </summary>
internal static class FailureDescription
{
    /// <summary>The failure's reason; null for exceptions the kernel does not know (bugs, untranslated SDK errors).</summary>
    public static AiFailureReason? ReasonOf(Exception exception) => exception switch
    {
        AiKernelException k => k.Reason,
        TimeoutRejectedException => AiFailureReason.Timeout,
        HttpRequestException => AiFailureReason.Unavailable,
        BrokenCircuitException => AiFailureReason.CircuitOpen,
        _ => null,
    };

    /// <summary>
    /// Retried on the same target: throttling and outages, unless the provider asked for a wait longer than the
    /// route's <paramref name="maxRetryWait"/> (then the call moves to the next target at once).
    /// </summary>
    public static bool RetriesSameTarget(Exception exception, TimeSpan maxRetryWait) =>
        IsTargets(exception) && ReasonOf(exception) is { } reason
        && AiFailureReasons.RetriesSameTarget(reason)
        && !(RetryAfterOf(exception) is { } wait && wait > maxRetryWait);

    /// <summary>Counted by the target's circuit breaker.</summary>
    public static bool CountsForCircuit(Exception exception) =>
        IsTargets(exception) && ReasonOf(exception) is { } reason && AiFailureReasons.CountsForCircuit(reason);

    /// <summary>Failures that move the call to the route's next target.</summary>
    public static bool FailsOver(Exception exception) =>
        IsTargets(exception) && ReasonOf(exception) is { } reason && AiFailureReasons.FailsOver(reason);

    /// <summary>
    /// False for a failure of the kernel's own shared state store (<see cref="SharedStateUnavailableException"/>):
    /// every target would meet it, so it is neither retried, counted against the target, nor failed over; it ends
    /// the call as a transient failure.
    /// </summary>
    private static bool IsTargets(Exception exception) => exception is not SharedStateUnavailableException;

    /// <summary>True when the failure may pass (for the attempt list of a RouteFailedException).</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        AiKernelException k => k.IsTransient,
        _ => ReasonOf(exception) is { } reason && AiFailureReasons.IsTransient(reason),
    };

    public static TimeSpan? RetryAfterOf(Exception exception) => (exception as AiKernelException)?.RetryAfter;

    /// <summary>
    /// Reason and status only: the exception message is not used because an SDK might echo request content. Exception:
    /// NotSupported, whose message the plugin writes itself (e.g. "the Local plugin is not a generative model").
    /// </summary>
    public static string Describe(Exception exception) => exception switch
    {
        ProviderException { Reason: AiFailureReason.NotSupported } p => $"NotSupported: {p.Message}",
        RateLimiting.TargetLimitExceededException t => $"rate limited by the kernel ({t.Limit})",
        ProviderException p => p.StatusCode is { } status ? $"{p.Reason} (HTTP {status})" : p.Reason.ToString(),
        AiKernelException k => k.Reason.ToString(),
        BrokenCircuitException => "circuit open",
        TimeoutRejectedException => "Timeout",
        HttpRequestException h => h.StatusCode is { } s ? $"Unavailable (HTTP {(int)s})" : "Unavailable (connection failed)",
        _ => exception.GetType().Name,
    };
}
