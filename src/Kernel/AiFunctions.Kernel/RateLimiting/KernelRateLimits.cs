using System.Collections.Concurrent;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.SharedState;

namespace AiFunctions.Kernel.RateLimiting;

/// <summary>
/// Per-target and per-tenant request/token windows (<see cref="RateLimitOptions"/>). With shared state both are
/// one-minute windows aligned to the UTC minute in Redis (<see cref="IKernelSharedState.AdmitToWindow"/>: one round
/// trip per admission, tokens added after the call without waiting), so a tenant's and a target's limits hold once
/// across every instance; otherwise they are per instance. A tenant over its limit is refused; a target over its limit
/// is skipped (the route moves to its next target).
/// </summary>
internal sealed class KernelRateLimits(RateLimitOptions settings, TimeProvider time, IKernelSharedState? shared = null)
{
    private readonly ConcurrentDictionary<string, Windows?> _targets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Windows?> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitRule?> _targetRules = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _hasTargetLimits = settings.Targets.Count > 0;
    private readonly bool _hasTenantLimits = settings.Tenants.Count > 0;

    /// <summary>Refuses the call when the tenant is over its request or token limit.</summary>
    public void AcquireTenant(string tenant)
    {
        if (_hasTenantLimits && shared is not null)
        {
            if (TenantRule(tenant) is { } rule && AdmitShared("tenant:" + tenant, rule, reserveShare: 0) is { } refused)
            {
                throw new RateLimitExceededException($"tenant '{tenant}' ({refused.Limit})", refused.ResetIn);
            }

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
        if (_hasTargetLimits && shared is not null)
        {
            if (TargetRule(instance, targetKey) is { } rule && AdmitShared(TargetSubject(targetKey), rule, reserveShare: 0) is { } refused)
            {
                (limit, retryAfter) = (refused.Limit, refused.ResetIn);
                return false;
            }

            return true;
        }

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
        if (_hasTargetLimits && shared is not null)
        {
            if (TargetRule(instance, targetKey) is { } rule && AdmitShared(TargetSubject(targetKey), rule, PrimaryReserve) is { } refused)
            {
                limit = refused.Limit + " (spare capacity)";
                return false;
            }

            return true;
        }

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

    /// <summary>Adds a provider call's used tokens (input + output) to the tenant's and the target's token windows.</summary>
    public void ChargeTokens(string tenant, string instance, string targetKey, long tokens)
    {
        if (shared is not null)
        {
            if (tokens > 0 && (_hasTenantLimits || _hasTargetLimits))
            {
                ChargeShared(tenant, instance, targetKey, tokens);
            }

            return;
        }

        if (_hasTenantLimits)
        {
            TenantWindows(tenant)?.Tokens?.Charge(tokens);
        }

        if (_hasTargetLimits)
        {
            TargetWindows(instance, targetKey)?.Tokens?.Charge(tokens);
        }
    }

    /// <summary>Both windows' tokens in one pipelined batch (not awaited: the caller already has its answer).</summary>
    private void ChargeShared(string tenant, string instance, string targetKey, long tokens)
    {
        var tenantCharged = _hasTenantLimits && TenantRule(tenant) is { TokensPerMinute: not null };
        var targetCharged = _hasTargetLimits && TargetRule(instance, targetKey) is { TokensPerMinute: not null };
        string[] keys = (tenantCharged, targetCharged) switch
        {
            (true, true) => ["tenant:" + tenant, TargetSubject(targetKey)],
            (true, false) => ["tenant:" + tenant],
            (false, true) => [TargetSubject(targetKey)],
            _ => [],
        };
        if (keys.Length > 0)
        {
            shared!.AddTokensToWindows(keys, tokens, time.GetUtcNow());
        }
    }

    /// <summary>
    /// One admission at a shared window: null when admitted (one request added), else which limit refused it and when
    /// the window resets. <paramref name="reserveShare"/> &gt; 0 admits only while more than that share of each limit
    /// is left (spare capacity, as <see cref="MinuteWindow.TryAcquireSpare"/>).
    /// </summary>
    private (string Limit, TimeSpan ResetIn)? AdmitShared(string subject, RateLimitRule rule, double reserveShare)
    {
        var (refused, resetIn) = shared!.AdmitToWindow(
            subject, Threshold(rule.TokensPerMinute, reserveShare), Threshold(rule.RequestsPerMinute, reserveShare), time.GetUtcNow());
        return refused switch
        {
            WindowRefusal.Tokens => ("tokens per minute", resetIn),
            WindowRefusal.Requests => ("requests per minute", resetIn),
            _ => null,
        };
    }

    /// <summary>The count at which a window refuses: the limit, less the reserve (never less than 0); -1 when no limit.</summary>
    private static long Threshold(int? limit, double reserveShare) =>
        limit is { } l ? Math.Max(0, Math.Max(1, l) - (long)Math.Ceiling(Math.Max(1, l) * reserveShare)) : -1;

    /// <summary>One window per target ("instance/model", case-insensitive as the settings are).</summary>
    private static string TargetSubject(string targetKey) => "target:" + targetKey.ToLowerInvariant();

    private RateLimitRule? TargetRule(string instance, string targetKey) =>
        _targetRules.GetOrAdd(targetKey, static (key, state) =>
            state.self._settings.Targets.TryGetValue(key, out var rule) || state.self._settings.Targets.TryGetValue(state.instance, out rule) ? rule : null,
            (self: this, instance));

    private RateLimitRule? TenantRule(string tenant) =>
        _settings.Tenants.TryGetValue(tenant, out var rule) || _settings.Tenants.TryGetValue("*", out rule) ? rule : null;

    private Windows? TenantWindows(string tenant) =>
        _tenants.GetOrAdd(tenant, static (t, self) =>
            self.Create(settings: self._settings.Tenants.TryGetValue(t, out var rule) || self._settings.Tenants.TryGetValue("*", out rule) ? rule : null), this);

    private Windows? TargetWindows(string instance, string targetKey) =>
        _targets.GetOrAdd(targetKey, static (key, state) => state.self.Create(state.self.TargetRule(state.instance, key)), (self: this, instance));

    private readonly RateLimitOptions _settings = settings;

    private Windows? Create(RateLimitRule? settings) =>
        settings is null || (settings.RequestsPerMinute is null && settings.TokensPerMinute is null)
            ? null
            : new Windows(
                settings.RequestsPerMinute is { } r ? new MinuteWindow(r, time) : null,
                settings.TokensPerMinute is { } t ? new MinuteWindow(t, time) : null);

    private sealed record Windows(MinuteWindow? Requests, MinuteWindow? Tokens);
}
