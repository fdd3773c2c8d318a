namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// What each budget (<c>AiFunctions:Budgets</c>) has spent and has left for a tenant in its current period, read from
/// the same counters the kernel enforces (shared in Redis when <c>AiFunctions:SharedState:Redis</c> is set, else this
/// instance's), for the management API and the console.
/// </summary>
public interface IBudgetStatus
{
    /// <summary>Every budget that covers <paramref name="tenant"/> (its own and those for "*"), in configuration order.</summary>
    IReadOnlyList<BudgetState> For(string tenant);
}

/// <summary>One budget's state for one tenant in the current period.</summary>
/// <param name="Budget">The budget's name under <c>AiFunctions:Budgets</c>.</param>
/// <param name="Route">The route it covers ("*" = all routes together).</param>
/// <param name="Period">Daily, Monthly or Total (UTC calendar periods).</param>
/// <param name="PeriodKey">The current period: <c>yyyy-MM-dd</c>, <c>yyyy-MM</c> or <c>total</c>.</param>
/// <param name="MaxCost">In the price table's currency.</param>
/// <param name="TokensRemaining">Never below zero; null when the budget sets no token limit.</param>
/// <param name="CostRemaining">Never below zero; null when the budget sets no cost limit.</param>
public sealed record BudgetState(
    string Budget, string Tenant, string Route, BudgetPeriod Period, string PeriodKey,
    long? MaxTokens, decimal? MaxCost, long TokensSpent, decimal CostSpent, long? TokensRemaining, decimal? CostRemaining);
