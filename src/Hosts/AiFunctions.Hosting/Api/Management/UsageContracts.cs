using AiFunctions.Kernel.Accounting;

namespace AiFunctions.Hosting.Api.Management;

/// <summary>What usage is summed by (<c>groupBy</c>).</summary>
public enum UsageGrouping
{
    Tenant,
    Route,
    Workflow,
    Model,
}

/// <summary>The length of one row's period (<c>period</c>), UTC.</summary>
public enum UsagePeriod
{
    Hour,
    Day,
}

/// <summary>
/// Answer of <c>GET /api/manage/usage</c>: the caller's tenant's usage and cost in [<see cref="From"/>, <see cref="To"/>),
/// one row per period and group, the totals per group over the whole range, and the budgets that cover the tenant with
/// what remains. Rows are paged (<c>pageSize</c>, <c>continuationToken</c>); totals and budgets come on every page.
/// </summary>
/// <param name="Tenant">Always the caller's tenant.</param>
/// <param name="From">Start of the first period (inclusive, aligned to the period).</param>
/// <param name="To">End of the last period (exclusive).</param>
/// <param name="Rows">Periods in time order, groups in name order within a period; periods without usage are absent.</param>
/// <param name="Totals">One row per group over the whole range (<see cref="UsageRow.PeriodStart"/> null).</param>
/// <param name="Budgets">Every budget covering the tenant in its current period (kernel counters: shared across instances with Redis, else this instance's).</param>
public sealed record UsageReport(
    string Tenant, UsageGrouping GroupBy, UsagePeriod Period, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<UsageRow> Rows, IReadOnlyList<UsageRow> Totals, IReadOnlyList<BudgetState> Budgets,
    string? ContinuationToken, string? NextUri);

/// <summary>Usage of one group in one period (or the whole range, for totals).</summary>
/// <param name="PeriodStart">Start of the hour or UTC day; null in totals.</param>
/// <param name="Key">The tenant, route, workflow or model (as <see cref="UsageReport.GroupBy"/> says).</param>
/// <param name="Calls">Provider responses booked (retries and schema repairs that reached a provider included).</param>
/// <param name="Cost">From the price table (<c>AiFunctions:Pricing</c>); 0 for models without a price.</param>
public sealed record UsageRow(
    DateTimeOffset? PeriodStart, string Key, long Calls, long InputTokens, long OutputTokens, long CachedInputTokens, long TotalTokens,
    decimal Cost, string Currency);
