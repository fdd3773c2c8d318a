namespace AiFunctions.Kernel.Routing;

/// <summary>
/// A named logical model (<c>AiFunctions:Routes:{name}</c>) used by workflows: ordered targets and call options.
/// Switching a workflow to another provider is a change here, not in code.
/// </summary>
public sealed class RouteOptions
{
    public RoutingStrategy Strategy { get; set; } = RoutingStrategy.Failover;

    public List<RouteTargetOptions> Targets { get; set; } = [];

    public float? Temperature { get; set; }

    public int? MaxOutputTokens { get; set; }

    /// <summary>Per-attempt timeout for one target call.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Redact personal data from outbound prompts (default on; turn off only for routes that carry none).</summary>
    public bool Redact { get; set; } = true;

    /// <summary>Retries per target on transient failures (429, 5xx, timeouts, malformed bodies) before failing over.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base delay of the jittered exponential backoff (a provider's Retry-After wins when given).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Schema repair attempts for structured output after the first answer fails validation.</summary>
    public int MaxRepairAttempts { get; set; } = 1;

    /// <summary>Cache identical requests (same messages and options) for this long; off when null.</summary>
    public TimeSpan? CacheDuration { get; set; }
}
