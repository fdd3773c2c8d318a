namespace AiFunctions.Kernel.RateLimiting;

/// <summary>
/// <c>AiFunctions:RateLimits</c>. <see cref="Targets"/> are keyed by provider instance ("azure-east", applies to each of
/// its models separately) or by "instance/model"; a target over its limit is skipped and the route fails over.
/// <see cref="Tenants"/> are keyed by tenant id, with "*" as the default for every other tenant; a tenant over its
/// limit is refused with RateLimitExceededException.
/// </summary>
public sealed class RateLimitOptions
{
    public Dictionary<string, RateLimitRule> Targets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, RateLimitRule> Tenants { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
