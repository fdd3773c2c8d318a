using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.SharedState;

namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// Keeps spending per budget, tenant and period, and refuses calls once a budget is spent. With shared state
/// (<see cref="SharedStateOptions.Redis"/>) the spending lives in Redis, so every instance enforces the same budget
/// once and a restart keeps it; otherwise it is kept in process.
/// </summary>
internal sealed class BudgetGuard(IReadOnlyDictionary<string, BudgetRule> budgets, TimeProvider time, IKernelSharedState? shared = null) : IBudgetStatus
{
    private readonly KeyValuePair<string, BudgetRule>[] _budgets = budgets.ToArray();
    private readonly ConcurrentDictionary<(string Budget, string Tenant, string Period), Spent> _spent = new();

    /// <summary>
    /// Throws <see cref="BudgetExceededException"/> when any budget that covers this tenant and route is spent. In process
    /// it completes synchronously; with shared state each covering budget is one awaited read of the store.
    /// </summary>
    /// <exception cref="SharedStateUnavailableException">The shared store did not answer (transient).</exception>
    public ValueTask EnsureWithinAsync(string tenant, string route)
    {
        if (_budgets.Length == 0)
        {
            return ValueTask.CompletedTask;
        }

        if (shared is not null)
        {
            return EnsureWithinSharedAsync(tenant, route);
        }

        var now = time.GetUtcNow();
        foreach (var (name, rule) in _budgets)
        {
            if (!Covers(rule, tenant, route) || !_spent.TryGetValue((name, tenant, PeriodKey(rule.Period, now)), out var spent))
            {
                continue;
            }

            lock (spent)
            {
                Check(name, rule, tenant, route, spent.Tokens, spent.Cost);
            }
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask EnsureWithinSharedAsync(string tenant, string route)
    {
        var now = time.GetUtcNow();
        foreach (var (name, rule) in _budgets)
        {
            if (Covers(rule, tenant, route))
            {
                var (tokens, cost) = await shared!.ReadSpentAsync(SharedKey(name, tenant, PeriodKey(rule.Period, now))).ConfigureAwait(false);
                Check(name, rule, tenant, route, tokens, cost);
            }
        }
    }

    private static void Check(string name, BudgetRule rule, string tenant, string route, long tokens, decimal cost)
    {
        if (rule.MaxTokens is { } maxTokens && tokens >= maxTokens)
        {
            throw new BudgetExceededException(tenant, route, $"{name} ({rule.Period}, tokens)", maxTokens, tokens);
        }

        if (rule.MaxCost is { } maxCost && cost >= maxCost)
        {
            throw new BudgetExceededException(tenant, route, $"{name} ({rule.Period}, cost)", maxCost, cost);
        }
    }

    private static string SharedKey(string budget, string tenant, string period) => $"{budget}:{tenant}:{period}";

    public void Add(string tenant, string route, CallUsage usage)
    {
        if (_budgets.Length == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (name, rule) in _budgets)
        {
            if (!Covers(rule, tenant, route))
            {
                continue;
            }

            if (shared is not null)
            {
                shared.AddSpent(SharedKey(name, tenant, PeriodKey(rule.Period, now)), usage.TotalTokens, usage.Cost);
                _spent.GetOrAdd((name, tenant, PeriodKey(rule.Period, now)), static _ => new Spent()); // known here, for Remaining
                continue;
            }

            var spent = _spent.GetOrAdd((name, tenant, PeriodKey(rule.Period, now)), static _ => new Spent());
            lock (spent)
            {
                spent.Tokens += usage.TotalTokens;
                spent.Cost += usage.Cost;
            }
        }
    }

    /// <summary>
    /// What is left of each budget in its current period, per tenant that has spent from it (and for a budget naming
    /// one tenant, that tenant even before it spent): tokens when <paramref name="tokens"/>, else cost. Tags:
    /// <c>aifunctions.budget</c> (the budget's name), <c>aifunctions.tenant</c>, <c>aifunctions.budget.period</c>.
    /// Never below zero. For the observable gauges of <see cref="KernelMetrics"/>.
    /// </summary>
    public IEnumerable<Measurement<double>> Remaining(bool tokens)
    {
        var now = time.GetUtcNow();
        foreach (var (name, rule) in _budgets)
        {
            var limit = tokens ? (double?)rule.MaxTokens : (double?)rule.MaxCost;
            if (limit is not { } max)
            {
                continue;
            }

            var period = PeriodKey(rule.Period, now);
            var seen = false;
            foreach (var ((budget, tenant, p), spent) in _spent)
            {
                if (budget != name || p != period)
                {
                    continue;
                }

                seen |= tenant == rule.Tenant;
                double used;
                if (shared is not null)
                {
                    // The instances' common spending (tenants this instance has seen spend).
                    var (sharedTokens, sharedCost) = shared.ReadSpent(SharedKey(name, tenant, period));
                    used = tokens ? sharedTokens : (double)sharedCost;
                }
                else
                {
                    lock (spent)
                    {
                        used = tokens ? spent.Tokens : (double)spent.Cost;
                    }
                }

                yield return Measure(Math.Max(0, max - used), name, tenant, rule.Period);
            }

            if (!seen && rule.Tenant != "*")
            {
                yield return Measure(max, name, rule.Tenant, rule.Period);
            }
        }
    }

    public IReadOnlyList<BudgetState> For(string tenant)
    {
        var now = time.GetUtcNow();
        var states = new List<BudgetState>();
        foreach (var (name, rule) in _budgets)
        {
            if (rule.Tenant != "*" && !string.Equals(rule.Tenant, tenant, StringComparison.Ordinal))
            {
                continue;
            }

            var period = PeriodKey(rule.Period, now);
            long tokens = 0;
            decimal cost = 0m;
            if (shared is not null)
            {
                (tokens, cost) = shared.ReadSpent(SharedKey(name, tenant, period));
            }
            else if (_spent.TryGetValue((name, tenant, period), out var spent))
            {
                lock (spent)
                {
                    (tokens, cost) = (spent.Tokens, spent.Cost);
                }
            }

            states.Add(new BudgetState(name, tenant, rule.Route, rule.Period, period, rule.MaxTokens, rule.MaxCost, tokens, cost,
                rule.MaxTokens is { } maxTokens ? Math.Max(0, maxTokens - tokens) : null,
                rule.MaxCost is { } maxCost ? Math.Max(0m, maxCost - cost) : null));
        }

        return states;
    }

    private static Measurement<double> Measure(double value, string budget, string tenant, BudgetPeriod period) =>
        new(value, new KeyValuePair<string, object?>("aifunctions.budget", budget), new KeyValuePair<string, object?>("aifunctions.tenant", tenant),
            new KeyValuePair<string, object?>("aifunctions.budget.period", period.ToString().ToLowerInvariant()));

    private static bool Covers(BudgetRule rule, string tenant, string route) =>
        (rule.Tenant == "*" || string.Equals(rule.Tenant, tenant, StringComparison.Ordinal))
        && (rule.Route == "*" || string.Equals(rule.Route, route, StringComparison.OrdinalIgnoreCase));

    private static string PeriodKey(BudgetPeriod period, DateTimeOffset now) => period switch
    {
        BudgetPeriod.Daily => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        BudgetPeriod.Monthly => now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => "total",
    };

    private sealed class Spent
    {
        public long Tokens;
        public decimal Cost;
    }
}
