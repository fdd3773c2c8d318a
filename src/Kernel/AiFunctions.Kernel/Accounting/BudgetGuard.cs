using System.Collections.Concurrent;
using System.Globalization;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.SharedState;

namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// Keeps spending per budget, tenant and period, and refuses calls once a budget is spent. With shared state
/// (<see cref="SharedStateOptions.Redis"/>) the spending lives in Redis, so every instance enforces the same budget
/// once and a restart keeps it; otherwise it is kept in process.
/// </summary>
internal sealed class BudgetGuard(IReadOnlyDictionary<string, BudgetRule> budgets, TimeProvider time, IKernelSharedState? shared = null)
{
    private readonly KeyValuePair<string, BudgetRule>[] _budgets = budgets.ToArray();
    private readonly ConcurrentDictionary<(string Budget, string Tenant, string Period), Spent> _spent = new();

    /// <summary>Throws <see cref="BudgetExceededException"/> when any budget that covers this tenant and route is spent.</summary>
    public void EnsureWithin(string tenant, string route)
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
                var (tokens, cost) = shared.ReadSpent(SharedKey(name, tenant, PeriodKey(rule.Period, now)));
                Check(name, rule, tenant, route, tokens, cost);
                continue;
            }

            if (!_spent.TryGetValue((name, tenant, PeriodKey(rule.Period, now)), out var spent))
            {
                continue;
            }

            lock (spent)
            {
                Check(name, rule, tenant, route, spent.Tokens, spent.Cost);
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
