using System.Collections.Concurrent;
using AiFunctions.Kernel.Errors;

namespace AiFunctions.Kernel.RateLimiting;

/// <summary>Per-target and per-tenant request/token windows (<see cref="RateLimitSettings"/>).</summary>
internal sealed class KernelRateLimits(RateLimitSettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Windows?> _targets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Windows?> _tenants = new(StringComparer.Ordinal);
    private readonly bool _hasTargetLimits = settings.Targets.Count > 0;
    private readonly bool _hasTenantLimits = settings.Tenants.Count > 0;

    /// <summary>Refuses the call when the tenant is over its request or token limit.</summary>
    public void AcquireTenant(string tenant)
    {
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

    /// <summary>False when the target is over its limit: the route skips it.</summary>
    public bool TryAcquireTarget(string instance, string targetKey, out string? reason)
    {
        reason = null;
        if (!_hasTargetLimits || TargetWindows(instance, targetKey) is not { } windows)
        {
            return true;
        }

        if (windows.Tokens is { HasCapacity: false })
        {
            reason = "rate limited by the kernel (tokens per minute)";
            return false;
        }

        if (windows.Requests is { } requests && !requests.TryAcquire())
        {
            reason = "rate limited by the kernel (requests per minute)";
            return false;
        }

        return true;
    }

    public void ChargeTokens(string tenant, string instance, string targetKey, long tokens)
    {
        if (_hasTenantLimits)
        {
            TenantWindows(tenant)?.Tokens?.Charge(tokens);
        }

        if (_hasTargetLimits)
        {
            TargetWindows(instance, targetKey)?.Tokens?.Charge(tokens);
        }
    }

    private Windows? TenantWindows(string tenant) =>
        _tenants.GetOrAdd(tenant, static (t, self) =>
            self.Create(settings: self._settings.Tenants.TryGetValue(t, out var rule) || self._settings.Tenants.TryGetValue("*", out rule) ? rule : null), this);

    private Windows? TargetWindows(string instance, string targetKey) =>
        _targets.GetOrAdd(targetKey, static (key, state) =>
            state.self.Create(state.self._settings.Targets.TryGetValue(key, out var rule) || state.self._settings.Targets.TryGetValue(state.instance, out rule) ? rule : null),
            (self: this, instance));

    private readonly RateLimitSettings _settings = settings;

    private Windows? Create(RateLimitRule? settings) =>
        settings is null || (settings.RequestsPerMinute is null && settings.TokensPerMinute is null)
            ? null
            : new Windows(
                settings.RequestsPerMinute is { } r ? new MinuteWindow(r, time) : null,
                settings.TokensPerMinute is { } t ? new MinuteWindow(t, time) : null);

    private sealed record Windows(MinuteWindow? Requests, MinuteWindow? Tokens);
}
