namespace AiFunctions.Kernel.Routing;

/// <summary>How a route picks among its targets.</summary>
public enum RoutingStrategy
{
    /// <summary>Targets in order; the next one only when the previous failed or is unavailable (circuit open, rate limited).</summary>
    Failover,
    /// <summary>Split traffic by weight; on failure, fall back to the remaining targets in weight order.</summary>
    Weighted,
}
