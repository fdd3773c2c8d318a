using System.Collections.Concurrent;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.SharedState;

namespace AiFunctions.Kernel.RateLimiting;

/// <summary>
/// Per-target and per-tenant request/token windows (<see cref="RateLimitOptions"/>). With shared state the tenant
/// windows are one-minute windows (aligned to the UTC minute) in Redis, so a tenant's limit holds once across every
/// instance; target windows stay per instance (a target over its limit is only skipped, never refused).
/// </summary>
internal sealed class KernelRateLimits(RateLimitOptions settings, TimeProvider time, IKernelSharedState? shared = null)
{
    private readonly ConcurrentDictionary<string, Windows?> _targets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Windows?> _tenants = new(StringComparer.Ordinal);
    private readonly bool _hasTargetLimits = settings.Targets.Count > 0;
    private readonly bool _hasTenantLimits = settings.Tenants.Count > 0;

    /// <summary>Refuses the call when the tenant is over its request or token limit.</summary>
    public void AcquireTenant(string tenant)
    {
        if (_hasTenantLimits && shared is not null)
        {
            AcquireSharedTenant(tenant);
            return;
        }

        if (!_hasTenantLimits || TenantWindows(tenant) is not { } windows)
        {
            return;
        }

        if (windows.Tokens is { HasCapacity: false } tokens)
        {
            throw new RateLimitExceededException($"tenant '{tenant}' (tokens per minute)", tokens.RetryAfter);
        }

        if (windows.Requests is { } requests && !requests.TryAcquire())
        {
            throw new RateLimitExceededException($"tenant '{tenant}' (requests per minute)", requests.RetryAfter);
        }
    }

    /// <summary>
    /// False when the target is over its limit (the route moves to its next target): <paramref name="limit"/> names it
    /// ("requests per minute" or "tokens per minute") and <paramref name="retryAfter"/> is when its window resets.
    /// </summary>
    public bool TryAcquireTarget(string instance, string targetKey, out string? limit, out TimeSpan? retryAfter)
    {
        limit = null;
        retryAfter = null;
        if (!_hasTargetLimits || TargetWindows(instance, targetKey) is not { } windows)
        {
            return true;
        }

        if (windows.Tokens is { HasCapacity: false } tokens)
        {
            limit = "tokens per minute";
            retryAfter = tokens.RetryAfter;
            return false;
        }

        if (windows.Requests is { } requests && !requests.TryAcquire())
        {
            limit = "requests per minute";
            retryAfter = requests.RetryAfter;
            return false;
        }

        return true;
    }

    /// <summary>
    /// The share of a target's request and token windows kept for the routes' own calls: a shadow or replay call
    /// (<see cref="TryAcquireTargetSpare"/>) goes ahead only while more than this share is left.
    /// </summary>
    public const double PrimaryReserve = 0.5;

    /// <summary>
    /// Like <see cref="TryAcquireTarget"/>, for calls no caller waits for (shadows, replays): they share the provider's
    /// quota, so they take a request only while more than <see cref="PrimaryReserve"/> of the target's windows is left,
    /// and never the part another route's primary traffic needs. False (with the limit named) when they must skip.
    /// </summary>
    public bool TryAcquireTargetSpare(string instance, string targetKey, out string? limit)
    {
        limit = null;
        if (!_hasTargetLimits || TargetWindows(instance, targetKey) is not { } windows)
        {
            return true;
        }

        if (windows.Tokens is { } tokens && !tokens.HasSpare(PrimaryReserve))
        {
            limit = "tokens per minute (spare capacity)";
            return false;
        }

        if (windows.Requests is { } requests && !requests.TryAcquireSpare(PrimaryReserve))
        {
            limit = "requests per minute (spare capacity)";
            return false;
        }

        return true;
    }

    public void ChargeTokens(string tenant, string instance, string targetKey, long tokens)
    {
        if (_hasTenantLimits && shared is not null)
        {
            if (tokens > 0 && TenantRule(tenant) is { TokensPerMinute: not null })
            {
                shared.AddToWindow($"tenant:{tenant}:tokens", tokens, time.GetUtcNow());
            }
        }
        else if (_hasTenantLimits)
        {
            TenantWindows(tenant)?.Tokens?.Charge(tokens);
        }

        if (_hasTargetLimits)
        {
            TargetWindows(instance, targetKey)?.Tokens?.Charge(tokens);
        }
    }

    private void AcquireSharedTenant(string tenant)
    {
        if (TenantRule(tenant) is not { } rule)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (rule.TokensPerMinute is { } tokenLimit && shared!.ReadWindow($"tenant:{tenant}:tokens", now) >= tokenLimit)
        {
            throw new RateLimitExceededException($"tenant '{tenant}' (tokens per minute)", TimeSpan.FromSeconds(60 - now.Second) - TimeSpan.FromMilliseconds(now.Millisecond));
        }

        if (rule.RequestsPerMinute is { } requestLimit)
        {
            var (total, resetIn) = shared!.AddToWindow($"tenant:{tenant}:requests", 1, now);
            if (total > requestLimit)
            {
                throw new RateLimitExceededException($"tenant '{tenant}' (requests per minute)", resetIn);
            }
        }
    }

    private RateLimitRule? TenantRule(string tenant) =>
        _settings.Tenants.TryGetValue(tenant, out var rule) || _settings.Tenants.TryGetValue("*", out rule) ? rule : null;

    private Windows? TenantWindows(string tenant) =>
        _tenants.GetOrAdd(tenant, static (t, self) =>
            self.Create(settings: self._settings.Tenants.TryGetValue(t, out var rule) || self._settings.Tenants.TryGetValue("*", out rule) ? rule : null), this);

    private Windows? TargetWindows(string instance, string targetKey) =>
        _targets.GetOrAdd(targetKey, static (key, state) =>
            state.self.Create(state.self._settings.Targets.TryGetValue(key, out var rule) || state.self._settings.Targets.TryGetValue(state.instance, out rule) ? rule : null),
            (self: this, instance));

    private readonly RateLimitOptions _settings = settings;

    private Windows? Create(RateLimitRule? settings) =>
        settings is null || (settings.RequestsPerMinute is null && settings.TokensPerMinute is null)
            ? null
            : new Windows(
                settings.RequestsPerMinute is { } r ? new MinuteWindow(r, time) : null,
                settings.TokensPerMinute is { } t ? new MinuteWindow(t, time) : null);

    private sealed record Windows(MinuteWindow? Requests, MinuteWindow? Tokens);
}
