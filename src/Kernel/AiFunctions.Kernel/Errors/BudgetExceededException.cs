namespace AiFunctions.Kernel.Errors;

/// <summary>A tenant's budget for a route (money or tokens) is exhausted; the call was refused before it was sent.</summary>
public sealed class BudgetExceededException(string tenant, string route, string budget, decimal limit, decimal spent)
    : AiKernelException($"Budget '{budget}' for tenant '{tenant}' on route '{route}' is exhausted (spent {spent} of {limit}). " +
                "Raise AiFunctions:Budgets in configuration or wait for the budget period to reset.")
{
    public override AiFailureReason Reason => AiFailureReason.BudgetExceeded;
    public override bool IsTransient => false;
    public string Tenant { get; } = tenant;
    public string Route { get; } = route;
    public string Budget { get; } = budget;
    public decimal Limit { get; } = limit;
    public decimal Spent { get; } = spent;
}
