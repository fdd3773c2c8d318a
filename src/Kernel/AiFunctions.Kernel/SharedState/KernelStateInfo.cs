namespace AiFunctions.Kernel.SharedState;

/// <summary>
/// Where the kernel keeps budgets, rate limits, the ledger and open circuits, for the host's start-up message: shared in Redis, or
/// in process (per instance, lost on restart) when <c>AiFunctions:SharedState:Redis</c> is not set.
/// </summary>
public sealed class KernelStateInfo(string? redis)
{
    public bool IsShared => redis is not null;

    /// <summary>A sentence for the start-up log (never the Redis password).</summary>
    public string Describe() => IsShared
        ? "Kernel state (budgets, tenant and target rate limits, usage ledger, open circuits) is shared in Redis (AiFunctions:SharedState:Redis)."
        : "Kernel state (budgets, tenant and target rate limits, usage ledger, open circuits) is IN PROCESS: each instance grants every budget and limit again and a restart forgets all spending. Set AiFunctions:SharedState:Redis to share it (redis-server locally, Azure Cache for Redis in Azure).";
}
