using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Routing;

namespace AiFunctions.Kernel.RateLimiting;

/// <summary>
/// What the kernel checks before each provider request of a route target (<c>UseLimitsAndBudgets</c>): the calling
/// tenant's budgets for the route (<see cref="BudgetExceededException"/>: the call stops) and the target's own request
/// and token windows (<see cref="TargetLimitExceededException"/>: the route moves to its next target). Per provider
/// request, so same-target retries and structured-output repairs are counted and refused like first attempts. The
/// tenant's own rate limit is admission, once per call, in the route executor.
/// </summary>
internal sealed class KernelLimitsGate(KernelRateLimits limits, BudgetGuard budgets)
{
    /// <summary>Throws when the request may not be sent; returns otherwise (and takes one request from the target's window).</summary>
    public void Check(RouteTarget target)
    {
        budgets.EnsureWithin(AiCallContext.Current.Tenant, target.Route);
        if (!limits.TryAcquireTarget(target.Instance, target.Key, out var limit, out var retryAfter))
        {
            throw new TargetLimitExceededException(target.Key, limit!, retryAfter);
        }
    }
}
