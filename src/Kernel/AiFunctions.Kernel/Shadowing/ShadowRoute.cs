using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Routing;

namespace AiFunctions.Kernel.Shadowing;

/// <summary>
/// One route's shadow at run time: its settings, queue, budget and counters. When a run-time route change alters the
/// shadow settings, <see cref="ShadowRoutes"/> builds a successor from the previous one: the counters carry on, and so
/// does the budget's spending when the budget settings are unchanged (a route change never resets what the shadow spent).
/// </summary>
internal sealed class ShadowRoute : IDisposable
{
    // sampled, dropped, skipped for budget, skipped for rate limit, valid, invalid, failed, pairs not stored; shared with successors.
    private readonly long[] _counts;

    public ShadowRoute(string route, RouteShadowOptions options, TimeProvider time, string settingsKey = "", ShadowRoute? previous = null)
    {
        Route = route;
        Options = options;
        SettingsKey = settingsKey;
        Target = options.Target!;
        _counts = previous?._counts ?? new long[8];
        Dispatcher = new ShadowDispatcher(options.MaxConcurrency, options.QueueCapacity);
        if (previous?.Budget is { } kept && SameBudget(previous.Options.Budget, options.Budget))
        {
            Budget = kept;
        }
        else if (options.Budget.MaxTokens is not null || options.Budget.MaxCost is not null)
        {
            Budget = new BudgetGuard(
                new Dictionary<string, BudgetRule>
                {
                    [BudgetName] = new BudgetRule
                    {
                        Tenant = "*",
                        Route = route,
                        Period = options.Budget.Period,
                        MaxTokens = options.Budget.MaxTokens,
                        MaxCost = options.Budget.MaxCost,
                    },
                },
                time);
        }
    }

    /// <summary>The shadow budget is kept for all tenants together, under this one spending key.</summary>
    public const string AllTenants = "*";

    public string Route { get; }

    public string BudgetName => $"{AiFunctions.Kernel.DependencyInjection.AiKernelSections.Routes}:{Route}:Shadow:Budget";

    public RouteShadowOptions Options { get; }

    /// <summary>The settings as compared on a route change (their JSON); equal keys mean the same shadow.</summary>
    public string SettingsKey { get; }

    /// <summary>The latest route settings' <c>Shadow</c> object found equal to <see cref="Options"/> (so it is compared once).</summary>
    public RouteShadowOptions? Seen { get => Volatile.Read(ref _seen); set => Volatile.Write(ref _seen, value); }

    private RouteShadowOptions? _seen;

    public RouteTargetOptions Target { get; }

    public ShadowDispatcher Dispatcher { get; }

    /// <summary>Null when the shadow has no spending limit.</summary>
    public BudgetGuard? Budget { get; }

    public ShadowStatistics Statistics => new(
        Route, Target.ToString(), Read(0), Read(1), Read(2), Read(3), Read(4), Read(5), Read(6), Read(7));

    public void Count(string outcome)
    {
        var index = outcome switch
        {
            ShadowCounts.Sampled => 0,
            ShadowCounts.Dropped => 1,
            ShadowCounts.SkippedBudget => 2,
            ShadowCounts.SkippedRateLimit => 3,
            ShadowCounts.Valid => 4,
            ShadowCounts.Invalid => 5,
            ShadowCounts.Failed => 6,
            ShadowCounts.StoreFailed => 7,
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown shadow counter"),
        };
        Interlocked.Increment(ref _counts[index]);
    }

    private long Read(int index) => Interlocked.Read(ref _counts[index]);

    private static bool SameBudget(ShadowBudgetOptions a, ShadowBudgetOptions b) =>
        a.Period == b.Period && a.MaxTokens == b.MaxTokens && a.MaxCost == b.MaxCost;

    /// <summary>Replaced by a successor: take no more calls, finish the queued ones (they count on the shared counters).</summary>
    public void Retire() => Dispatcher.Complete();

    public void Dispose() => Dispatcher.Dispose();
}

/// <summary>The values of the <c>aifunctions.shadow.outcome</c> tag of <c>aifunctions.kernel.shadow.calls</c> (<c>aifunctions.shadow.outcome</c>).</summary>
internal static class ShadowCounts
{
    public const string Sampled = "sampled";
    public const string Dropped = "dropped";
    public const string SkippedBudget = "skipped_budget";
    public const string SkippedRateLimit = "skipped_rate_limit";
    public const string Valid = "valid";
    public const string Invalid = "invalid";
    public const string Failed = "failed";
    public const string StoreFailed = "store_failed";
}
