using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiFunctions.Kernel.Accounting;

/// <summary>The kernel's System.Diagnostics.Metrics instruments (meter <see cref="KernelTelemetry.MeterName"/>).</summary>
internal sealed class KernelMetrics : IDisposable
{
    public const string TokensName = "aifunctions.kernel.tokens";
    public const string CostName = "aifunctions.kernel.cost";
    public const string DurationName = "aifunctions.kernel.call.duration";
    public const string FailoversName = "aifunctions.kernel.failovers";
    public const string FailuresName = "aifunctions.kernel.failures";
    public const string BudgetTokensRemainingName = "aifunctions.kernel.budget.tokens.remaining";
    public const string BudgetCostRemainingName = "aifunctions.kernel.budget.cost.remaining";
    public const string ShadowCallsName = "aifunctions.kernel.shadow.calls";
    public const string HedgesName = "aifunctions.kernel.hedges";

    private readonly Meter _meter;

    public KernelMetrics(IMeterFactory? meterFactory)
    {
        _meter = meterFactory?.Create(KernelTelemetry.MeterName) ?? new Meter(KernelTelemetry.MeterName);
        Tokens = _meter.CreateCounter<long>(TokensName, "{token}", "Tokens per provider call; tag gen_ai.token.type = input, output or cached_input.");
        Cost = _meter.CreateCounter<double>(CostName, null, "Cost of provider calls from the configured price table; tag aifunctions.cost.currency.");
        Duration = _meter.CreateHistogram<double>(DurationName, "s", "Duration of one target call (retries included; streams: until the first update).");
        Failovers = _meter.CreateCounter<long>(FailoversName, "{failover}", "Calls that moved to another target of their route.");
        Failures = _meter.CreateCounter<long>(FailuresName, "{failure}", "Failed or skipped target calls; tag error.type (the AiFailureReason, or Skipped).");
        Hedges = _meter.CreateCounter<long>(HedgesName, "{hedge}", "Hedged requests to a replica (RouteOptions.HedgingDelay) by outcome: won, lost, failed, stopped; tags aifunctions.route, aifunctions.route.target (the replica), aifunctions.hedge.outcome.");
        ShadowCalls = _meter.CreateCounter<long>(ShadowCallsName, "{call}", "Shadow calls by outcome: sampled, dropped, skipped_budget, skipped_rate_limit, valid, invalid, failed, store_failed; tags aifunctions.route, aifunctions.shadow.outcome.");
    }

    public Counter<long> ShadowCalls { get; }

    public Counter<long> Hedges { get; }

    public Counter<long> Tokens { get; }

    public Counter<double> Cost { get; }

    public Histogram<double> Duration { get; }

    public Counter<long> Failovers { get; }

    public Counter<long> Failures { get; }

    /// <summary>Observable gauges of what is left of each budget (<see cref="BudgetGuard.Remaining"/>).</summary>
    public void ObserveBudgets(BudgetGuard budgets)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        _meter.CreateObservableGauge(BudgetTokensRemainingName, () => budgets.Remaining(tokens: true), "{token}", "Tokens left in each budget's current period, per tenant.");
        _meter.CreateObservableGauge(BudgetCostRemainingName, () => budgets.Remaining(tokens: false), "{currency_unit}", "Money left in each budget's current period, per tenant, in the price table's currency.");
    }

    public void RecordUsage(UsageRecord record)
    {
        var tags = new TagList
        {
            { KernelActivities.Route, record.Route },
            { KernelActivities.Target, record.Target },
            { KernelActivities.RequestModel, record.Model },
            { KernelActivities.Tenant, record.Tenant },
            { KernelActivities.Workflow, record.Workflow },
        };
        var usage = record.Usage;
        if (Tokens.Enabled)
        {
            Tokens.Add(usage.InputTokens, Append(tags, KernelActivities.TokenType, "input"));
            Tokens.Add(usage.OutputTokens, Append(tags, KernelActivities.TokenType, "output"));
            if (usage.CachedInputTokens > 0)
            {
                Tokens.Add(usage.CachedInputTokens, Append(tags, KernelActivities.TokenType, "cached_input"));
            }
        }

        if (Cost.Enabled && usage.Cost != 0m)
        {
            Cost.Add((double)usage.Cost, Append(tags, KernelActivities.Currency, usage.Currency));
        }
    }

    public void Dispose() => _meter.Dispose();

    private static TagList Append(TagList tags, string key, string value)
    {
        tags.Add(key, value);
        return tags;
    }
}
