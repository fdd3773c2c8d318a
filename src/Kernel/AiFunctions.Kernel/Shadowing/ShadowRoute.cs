using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Routing;

namespace AiFunctions.Kernel.Shadowing;

/// <summary>One route's shadow at run time: its settings, queue, budget and counters.</summary>
internal sealed class ShadowRoute : IDisposable
{
    private long _sampled;
    private long _dropped;
    private long _skippedBudget;
    private long _skippedRateLimit;
    private long _valid;
    private long _invalid;
    private long _failed;
    private long _storeFailures;

    public ShadowRoute(string route, RouteShadowOptions options, TimeProvider time)
    {
        Route = route;
        Options = options;
        Target = options.Target!;
        Dispatcher = new ShadowDispatcher(options.MaxConcurrency, options.QueueCapacity);
        if (options.Budget.MaxTokens is not null || options.Budget.MaxCost is not null)
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

    public RouteTargetOptions Target { get; }

    public ShadowDispatcher Dispatcher { get; }

    /// <summary>Null when the shadow has no spending limit.</summary>
    public BudgetGuard? Budget { get; }

    public ShadowStatistics Statistics => new(
        Route, Target.ToString(), Interlocked.Read(ref _sampled), Interlocked.Read(ref _dropped), Interlocked.Read(ref _skippedBudget),
        Interlocked.Read(ref _skippedRateLimit), Interlocked.Read(ref _valid), Interlocked.Read(ref _invalid), Interlocked.Read(ref _failed),
        Interlocked.Read(ref _storeFailures));

    public void Count(string outcome)
    {
        switch (outcome)
        {
            case ShadowCounts.Sampled: Interlocked.Increment(ref _sampled); break;
            case ShadowCounts.Dropped: Interlocked.Increment(ref _dropped); break;
            case ShadowCounts.SkippedBudget: Interlocked.Increment(ref _skippedBudget); break;
            case ShadowCounts.SkippedRateLimit: Interlocked.Increment(ref _skippedRateLimit); break;
            case ShadowCounts.Valid: Interlocked.Increment(ref _valid); break;
            case ShadowCounts.Invalid: Interlocked.Increment(ref _invalid); break;
            case ShadowCounts.Failed: Interlocked.Increment(ref _failed); break;
            case ShadowCounts.StoreFailed: Interlocked.Increment(ref _storeFailures); break;
            default: throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown shadow counter");
        }
    }

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
