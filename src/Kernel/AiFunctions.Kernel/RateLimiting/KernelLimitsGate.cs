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
/// tenant's own rate limit is admission, once per call, in the route executor. In process the check completes
/// synchronously (no allocation); with shared state its store reads are awaited, never blocking a thread.
/// </summary>
internal sealed class KernelLimitsGate(KernelRateLimits limits, BudgetGuard budgets)
{
    /// <summary>Faults when the request may not be sent; completes otherwise (and takes one request from the target's window).</summary>
    /// <exception cref="SharedStateUnavailableException">The shared store did not answer (transient).</exception>
    public async ValueTask CheckAsync(RouteTarget target)
    {
        await budgets.EnsureWithinAsync(AiCallContext.Current.Tenant, target.Route).ConfigureAwait(false);
        if (await limits.TryAcquireTargetAsync(target.Instance, target.Key).ConfigureAwait(false) is { } refused)
        {
            throw new TargetLimitExceededException(target.Key, refused.Limit, refused.RetryAfter);
        }
    }
}
