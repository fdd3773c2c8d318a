using AiFunctions.Kernel.Errors;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AiFunctions.Kernel.Resilience;

/// <summary>Short, content-free descriptions and classifications of call failures (safe to log).</summary>
internal static class FailureDescription
{
    /// <summary>Transient failures: retried on the same target, counted by its circuit breaker.</summary>
    public static bool IsTransient(Exception exception, int attemptNumber) => exception switch
    {
        ProviderException { Kind: ProviderFailureKind.MalformedResponse } => attemptNumber < 1, // one retry is enough for a bad body
        ProviderException p => p.IsTransient,
        TimeoutRejectedException => true,
        HttpRequestException => true,
        _ => false,
    };

    /// <summary>Failures that move the call to the route's next target.</summary>
    public static bool FailsOver(Exception exception) => exception switch
    {
        ProviderException p => p.Kind is not (ProviderFailureKind.BadRequest or ProviderFailureKind.ContentFiltered),
        BrokenCircuitException => true,
        TimeoutRejectedException => true,
        HttpRequestException => true,
        _ => false,
    };

    public static ProviderFailureKind? KindOf(Exception exception) => exception switch
    {
        ProviderException p => p.Kind,
        TimeoutRejectedException => ProviderFailureKind.Timeout,
        HttpRequestException => ProviderFailureKind.Unavailable,
        _ => null,
    };

    /// <summary>
    /// Kind and status only: the exception message is not used because an SDK might echo request content. Exception:
    /// NotSupported, whose message the plugin writes itself (e.g. "the Local plugin is not a generative model").
    /// </summary>
    public static string Describe(Exception exception) => exception switch
    {
        ProviderException { Kind: ProviderFailureKind.NotSupported } p => $"NotSupported: {p.Message}",
        ProviderException p => p.StatusCode is { } status ? $"{p.Kind} (HTTP {status})" : p.Kind.ToString(),
        BrokenCircuitException => "circuit open",
        TimeoutRejectedException => "Timeout",
        HttpRequestException h => h.StatusCode is { } s ? $"Unavailable (HTTP {(int)s})" : "Unavailable (connection failed)",
        _ => exception.GetType().Name,
    };
}
