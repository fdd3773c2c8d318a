using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// Turns a provider call's UsageDetails into priced CallUsage and books it: ledger, budgets, token limits, metrics. The
/// shadow accountant (<see cref="Shadowing.ShadowRoutes"/>) is a second instance over the shadow ledger, with no budgets,
/// no tenant limits and no metrics, so shadow and evaluation calls never count against the routes or tenants; their
/// tokens are charged to the target's own token window (<paramref name="tenantLimits"/> false), whose provider quota
/// they used.
/// </summary>
internal sealed class UsageAccountant(IUsageLedger ledger, IReadOnlyDictionary<string, ModelPrice> prices, BudgetGuard budgets, KernelRateLimits limits, KernelMetrics? metrics, bool tenantLimits = true)
{
    private static readonly ModelPrice Free = new();

    public CallUsage Price(string model, UsageDetails? usage)
    {
        if (usage is null)
        {
            return CallUsage.None;
        }

        var input = usage.InputTokenCount ?? 0;
        var output = usage.OutputTokenCount ?? 0;
        var cached = usage.CachedInputTokenCount ?? 0;
        var price = prices.TryGetValue(model, out var p) ? p : Free;
        return new CallUsage(input, output, cached, price.CostOf(input, output, cached), price.Currency);
    }

    /// <summary>Books one provider response (zero usage for native functions and responses without usage).</summary>
    public CallUsage Record(RouteTarget target, AiCallContext call, UsageDetails? usage)
    {
        var priced = Price(target.Model, usage);
        var record = new UsageRecord(target.Route, target.Key, target.Model, call.Tenant, call.Workflow, priced);
        ledger.Record(record);
        budgets.Add(call.Tenant, target.Route, priced);
        limits.ChargeTokens(tenantLimits ? call.Tenant : null, target.Instance, target.Key, priced.TotalTokens);
        metrics?.RecordUsage(record);
        return priced;
    }
}
