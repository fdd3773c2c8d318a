namespace AiFunctions.Kernel.Resilience;

/// <summary>Kernel-wide resilience settings (<c>AiFunctions:Resilience</c>). Per-route retry and timeout are in RouteOptions.</summary>
public sealed class ResilienceOptions
{
    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>Upper bound of one backoff delay (a provider's Retry-After above it is capped, too).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a target that reported its quota exhausted (<c>insufficient_quota</c>) is kept out of every route; also
    /// the longest a Retry-After beyond a route's MaxRetryWait keeps a target out. Default 5 minutes.
    /// </summary>
    public TimeSpan QuotaCooldown { get; set; } = TimeSpan.FromMinutes(5);
}
