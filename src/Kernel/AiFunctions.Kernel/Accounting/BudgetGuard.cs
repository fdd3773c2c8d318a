using System.Collections.Concurrent;
using System.Globalization;
using AiFunctions.Kernel.Errors;

namespace AiFunctions.Kernel.Accounting;

/// <summary>Keeps spending per budget, tenant and period, and refuses calls once a budget is spent.</summary>
internal sealed class BudgetGuard(IReadOnlyDictionary<string, BudgetRule> budgets, TimeProvider time)
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
            if (!Covers(rule, tenant, route) || !_spent.TryGetValue((name, tenant, PeriodKey(rule.Period, now)), out var spent))
            {
                continue;
            }

            lock (spent)
            {
                if (rule.MaxTokens is { } maxTokens && spent.Tokens >= maxTokens)
                {
                    throw new BudgetExceededException(tenant, route, $"{name} ({rule.Period}, tokens)", maxTokens, spent.Tokens);
                }

                if (rule.MaxCost is { } maxCost && spent.Cost >= maxCost)
                {
                    throw new BudgetExceededException(tenant, route, $"{name} ({rule.Period}, cost)", maxCost, spent.Cost);
                }
            }
        }
    }

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
