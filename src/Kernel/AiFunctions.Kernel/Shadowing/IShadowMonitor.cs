using AiFunctions.Kernel.Accounting;

namespace AiFunctions.Kernel.Shadowing;

/// <summary>What the kernel's shadow targets have done: per-route counters and the shadow ledger (tokens and cost of shadow and evaluation calls, apart from the routes' own ledger).</summary>
public interface IShadowMonitor
{
    /// <summary>Routes with a shadow target in their current settings (configuration or a run-time route change), or with one earlier since start-up.</summary>
    IReadOnlyCollection<string> Routes { get; }

    /// <summary>The route's counters; throws <see cref="KeyNotFoundException"/> naming the setting when the route has no shadow.</summary>
    ShadowStatistics Statistics(string route);

    /// <summary>Usage of shadow calls and candidate-target evaluations (never the primary's <see cref="IUsageLedger"/>).</summary>
    IUsageLedger Ledger { get; }

    /// <summary>Completes when no shadow call is queued or running (for tools and tests that must see every pair).</summary>
    Task WhenIdleAsync(CancellationToken cancellationToken = default);
}
