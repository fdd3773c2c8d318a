using System.Collections.Concurrent;
using System.Diagnostics;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Pipeline;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Registry;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.Caching.Distributed;

namespace AiFunctions.Kernel.Shadowing;

/// <summary>
/// The routes' shadow targets and what evaluations on a candidate target need: a shadow ledger and accountant (no
/// budgets, no tenant limits, no route metrics: nothing a shadow spends counts against a route), one chat pipeline per
/// shadow target built the same way as the routes' (<see cref="TargetPipelines"/>: route defaults, redaction, cache,
/// accounting, telemetry, the plugin's error translation), a one-target runtime per route and candidate target, and the
/// per-route queues and counters. The shadow of a route follows the route's current settings: a run-time route change
/// (<see cref="IRouteOverrides.Apply"/>, the management API) that adds, alters or removes <c>Shadow</c> takes effect on
/// the next call, with no restart (<see cref="For(RouteRuntime)"/>).
/// </summary>
internal sealed class ShadowRoutes : IShadowMonitor, IDisposable
{
    private static readonly System.Text.Json.JsonSerializerOptions SettingsJson = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly ConcurrentDictionary<string, ShadowRoute> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentBag<ShadowRoute> _retired = [];
    private readonly Lock _gate = new();
    private readonly RouteTable _routeTable;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<RouteRuntime, ConcurrentDictionary<string, RouteRuntime>> _runtimes = new();
    private readonly IProviderRegistry _registry;
    private readonly KernelMetrics _metrics;
    private readonly Func<IShadowPairStore> _store;
    private readonly UsageLedger _ledger = new();

    public ShadowRoutes(
        RouteTable routes,
        IProviderRegistry registry,
        IReadOnlyDictionary<string, ModelPrice> prices,
        IPiiRedactor redactor,
        Func<IDistributedCache> cache,
        KernelRateLimits limits,
        KernelMetrics metrics,
        TimeProvider time,
        Func<IShadowPairStore> store,
        TargetConcurrency? concurrency = null)
    {
        _registry = registry;
        _metrics = metrics;
        _store = store;
        Limits = limits;
        Concurrency = concurrency ?? new TargetConcurrency(new ConcurrencyLimitOptions());
        Time = time;
        Accountant = new UsageAccountant(_ledger, prices, new BudgetGuard(new Dictionary<string, BudgetRule>(), time), limits, metrics: null, tenantLimits: false);
        Pipelines = new TargetPipelines(registry, Accountant, redactor, cache, gate: null);
        _routeTable = routes;
        foreach (var route in routes.All)
        {
            For(route);
        }
    }

    public UsageAccountant Accountant { get; }

    public TargetPipelines Pipelines { get; }

    /// <summary>The kernel's limits: a shadow respects its target's rate limit (it shares the provider's quota) but is never charged to a tenant.</summary>
    public KernelRateLimits Limits { get; }

    /// <summary>The kernel's per-target concurrency limits: a shadow or replay takes a free slot only, never waits for one (<see cref="TargetConcurrency.TryAcquireSpare"/>).</summary>
    public TargetConcurrency Concurrency { get; }

    public TimeProvider Time { get; }

    public IProviderRegistry Registry => _registry;

    public IShadowPairStore Store => _store();

    public IUsageLedger Ledger => _ledger;

    /// <summary>Routes that have or had a shadow target since start-up (their statistics and pairs stay readable after a shadow is removed).</summary>
    public IReadOnlyCollection<string> Routes
    {
        get
        {
            foreach (var route in _routeTable.All)
            {
                For(route);
            }

            return [.. _routes.Keys];
        }
    }

    /// <summary>
    /// The shadow of the route's current settings (null when they have none): the same <see cref="ShadowRoute"/> while
    /// the <c>Shadow</c> settings are unchanged, a successor (counters and, with the same budget settings, the budget's
    /// spending carried over; the predecessor finishes its queued calls) when a run-time route change altered them.
    /// </summary>
    public ShadowRoute? For(RouteRuntime route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.Options.Shadow is not { Target: not null } options)
        {
            return null;
        }

        var current = _routes.GetValueOrDefault(route.Name);
        if (current is not null && (ReferenceEquals(current.Options, options) || ReferenceEquals(current.Seen, options)))
        {
            return current;
        }

        var key = System.Text.Json.JsonSerializer.Serialize(options, SettingsJson);
        lock (_gate)
        {
            current = _routes.GetValueOrDefault(route.Name);
            if (current is not null && (ReferenceEquals(current.Options, options) || current.SettingsKey == key))
            {
                current.Seen = options; // a route change that left the shadow as it was: compared once, not on every call
                return current;
            }

            var next = new ShadowRoute(route.Name, options, Time, key, current);
            _routes[route.Name] = next;
            if (current is not null)
            {
                current.Retire();
                _retired.Add(current);
            }

            return next;
        }
    }

    /// <summary>The shadow of the route's current settings, by route name (null for an unknown route or one without a shadow).</summary>
    public ShadowRoute? For(string route) => _routeTable.TryGet(route) is { } runtime ? For(runtime) : null;

    public ShadowStatistics Statistics(string route)
    {
        For(route);
        return _routes.TryGetValue(route, out var shadow)
            ? shadow.Statistics
            : throw new KeyNotFoundException($"Route '{route}' has no shadow target; configure '{AiKernelSections.Routes}:{route}:Shadow:Target'.");
    }

    public void Count(ShadowRoute shadow, string outcome)
    {
        shadow.Count(outcome);
        if (_metrics.ShadowCalls.Enabled)
        {
            _metrics.ShadowCalls.Add(1, new TagList { { KernelActivities.Route, shadow.Route }, { "aifunctions.shadow.outcome", outcome } });
        }
    }

    /// <summary>
    /// The one-target runtime that runs <paramref name="route"/>'s functions on <paramref name="target"/>: the route's
    /// options (defaults, redaction, cache, repairs) with that single target, the shadow's timeout when the route has a
    /// shadow, and no retries. Throws <see cref="ArgumentException"/> when the target is not a configured instance and model.
    /// </summary>
    public RouteRuntime RuntimeFor(RouteRuntime route, RouteTargetOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var instance = _registry.Instances.FirstOrDefault(i => string.Equals(i.Instance, target.Provider, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"The target's Provider '{target.Provider}' is not a configured provider instance; configure it under '{AiKernelSections.Providers}:{target.Provider}' or use one of: {string.Join(", ", _registry.Instances.Select(i => i.Instance).Order())}.", nameof(target));
        var model = instance.Models.FirstOrDefault(m => string.Equals(m, target.Model, StringComparison.OrdinalIgnoreCase));
        if (model is null)
        {
            throw new ArgumentException($"The target's Model '{target.Model}' is not listed in '{AiKernelSections.Providers}:{instance.Instance}:Models' ({string.Join(", ", instance.Models)}); add it there or pick one of those.", nameof(target));
        }

        // Cached per route runtime: a run-time route change builds a new RouteRuntime, so its evaluations use its new settings.
        return _runtimes.GetOrCreateValue(route).GetOrAdd($"{instance.Instance}/{model}", _ =>
        {
            var o = route.Options;
            var options = new RouteOptions
            {
                Strategy = RoutingStrategy.Failover,
                Targets = [new RouteTargetOptions { Provider = instance.Instance, Model = model }],
                Temperature = o.Temperature,
                MaxOutputTokens = o.MaxOutputTokens,
                Timeout = o.Shadow?.Timeout ?? o.Timeout,
                Redact = o.Redact,
                MaxRetries = 0,
                MaxRetryWait = o.MaxRetryWait,
                RetryBaseDelay = o.RetryBaseDelay,
                MaxRepairAttempts = o.MaxRepairAttempts,
                CacheDuration = o.CacheDuration,
            };
            return new RouteRuntime(route.Name, options, _ => instance.ReplicaGroup);
        });
    }

    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (_routes.Values.Concat(_retired).Any(r => r.Dispatcher.Pending > 0))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        foreach (var shadow in _routes.Values.Concat(_retired))
        {
            shadow.Dispose();
        }
    }
}
