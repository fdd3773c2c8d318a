namespace AiFunctions.Kernel.RateLimiting;

/// <summary>
/// <c>AiFunctions:ConcurrencyLimits</c>: how many calls the kernel lets run at once on a route target, so a caller may
/// keep more calls in flight than a provider serves at once (a workflow hiding its own round trips) without the
/// provider seeing more than its limit: calls beyond it wait in a first-in-first-out queue. <see cref="Targets"/> are
/// keyed by "instance/model" or by provider instance (then each of its models gets its own limit, as in
/// <see cref="RateLimitOptions.Targets"/>). No entry: no limit.
/// </summary>
public sealed class ConcurrencyLimitOptions
{
    public const string Section = "AiFunctions:ConcurrencyLimits";

    public Dictionary<string, ConcurrencyLimitRule> Targets { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
