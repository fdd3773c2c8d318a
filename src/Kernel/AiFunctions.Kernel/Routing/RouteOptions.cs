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

    /// <summary>
    /// Per-attempt timeout for one target call (streams: until the first update with content): the call's latency
    /// budget on one target. A timed-out attempt moves to the next target at once (it is not retried on the slow one).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Hedging across replicas (off when null, the default): when an attempt of a non-streamed chat call or an AI function
    /// call has not answered after this delay and the next available target of the call is a <b>replica</b> of it (same
    /// <c>ReplicaGroup</c> and model), the same call is also started on the replica while the first keeps running; the
    /// first successful answer wins and the other attempt is cancelled. At most one hedge per call. Choose a delay above
    /// the deployment's normal latency (about its 95th percentile, as in Dean &amp; Barroso, "The Tail at Scale", CACM
    /// 2013), so only the slowest few percent of calls send a second request. Must be at least 10 ms and shorter than
    /// <see cref="Timeout"/> (a delay at or beyond the timeout never hedges: the attempt has failed over by then).
    /// </summary>
    public TimeSpan? HedgingDelay { get; set; }

    /// <summary>Redact personal data from outbound prompts (default on; turn off only for routes that carry none).</summary>
    public bool Redact { get; set; } = true;

    /// <summary>Retries per target on transient failures (429, 5xx, timeouts, malformed bodies) before failing over.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// The longest wait this route accepts before retrying the same target. A provider asking for a longer Retry-After
    /// is not waited for: the call moves to the next target at once and that target is kept out for the Retry-After
    /// (at most Resilience:QuotaCooldown). Default 5 seconds.
    /// </summary>
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Base delay of the jittered exponential backoff (a provider's Retry-After wins when given).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Schema repair attempts for structured output after the first answer fails validation.</summary>
    public int MaxRepairAttempts { get; set; } = 1;

    /// <summary>Cache identical requests (same messages and options) for this long; off when null.</summary>
    public TimeSpan? CacheDuration { get; set; }

    /// <summary>A shadow target compared with this route's answers before a migration; null = none (docs/migration.md).</summary>
    public RouteShadowOptions? Shadow { get; set; }
}
