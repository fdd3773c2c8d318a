namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// One budget (<c>AiFunctions:Budgets:{name}</c>): a tenant ("*" = each tenant separately) on a route ("*" = all routes
/// together) may spend at most <see cref="MaxTokens"/> tokens and/or <see cref="MaxCost"/> money per <see cref="Period"/>.
/// Calls are refused with BudgetExceededException once spending has reached a limit.
/// </summary>
public sealed class BudgetRule
{
    public string Tenant { get; set; } = "*";

    public string Route { get; set; } = "*";

    public BudgetPeriod Period { get; set; } = BudgetPeriod.Monthly;

    public long? MaxTokens { get; set; }

    /// <summary>In the currency of the price table (<c>AiFunctions:Pricing</c>).</summary>
    public decimal? MaxCost { get; set; }
}
