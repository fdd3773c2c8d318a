using System.Collections.Concurrent;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.SharedState;

namespace AiFunctions.Kernel.RateLimiting;

/// <summary>
/// Per-target and per-tenant request/token windows (<see cref="RateLimitOptions"/>). With shared state both are
/// one-minute windows aligned to the UTC minute in Redis (<see cref="IKernelSharedState.AdmitToWindows"/>: one round
/// trip per admission — a call's tenant window and its first target's window together — tokens added after the call
/// without waiting), so a tenant's and a target's limits hold once across every instance; otherwise they are per
/// instance. A tenant over its limit is refused; a target over its limit is skipped (the route moves to its next target).
/// </summary>
internal sealed class KernelRateLimits(RateLimitOptions settings, TimeProvider time, IKernelSharedState? shared = null)
{
    private readonly ConcurrentDictionary<string, Windows?> _targets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Windows?> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitRule?> _targetRules = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _hasTargetLimits = settings.Targets.Count > 0;
    private readonly bool _hasTenantLimits = settings.Tenants.Count > 0;

    /// <summary>
    /// Refuses the call (<see cref="RateLimitExceededException"/>) when the tenant is over its request or token limit;
    /// admission, once per route call. With shared state, when the tenant has a limit and the call's first target
    /// (<paramref name="firstInstance"/>, <paramref name="firstTargetKey"/>: the first one not skipped for its circuit)
    /// has one too, both windows are checked in the same round trip and the target's verdict is kept for that target's
    /// first provider request (<see cref="PrepaidTargetAdmission"/>, returned: make it the call's own with
    /// <see cref="PrepaidTargetAdmission.Begin"/> and dispose it when the call ends). Null otherwise. In process it
    /// completes synchronously; with shared state it is one awaited round trip (no thread waits for the store).
    /// </summary>
    /// <exception cref="SharedStateUnavailableException">The shared store did not answer (transient).</exception>
    public ValueTask<PrepaidTargetAdmission?> AcquireTenantAsync(string tenant, string? firstInstance = null, string? firstTargetKey = null)
    {
        if (_hasTenantLimits && shared is not null)
        {
            return AcquireSharedTenantAsync(tenant, firstInstance, firstTargetKey);
        }

        if (!_hasTenantLimits || TenantWindows(tenant) is not { } windows)
        {
            return default;
        }

        if (windows.Tokens is { HasCapacity: false } tokens)
        {
            throw new RateLimitExceededException($"tenant '{tenant}' (tokens per minute)", tokens.RetryAfter);
        }

        if (windows.Requests is { } requests && !requests.TryAcquire())
        {
            throw new RateLimitExceededException($"tenant '{tenant}' (requests per minute)", requests.RetryAfter);
        }

        return default;
    }

    private async ValueTask<PrepaidTargetAdmission?> AcquireSharedTenantAsync(string tenant, string? firstInstance, string? firstTargetKey)
    {
        if (TenantRule(tenant) is not { } tenantRule)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var tenantWindow = Window("tenant:" + tenant, tenantRule, reserveShare: 0);
        if (!_hasTargetLimits || firstTargetKey is null || TargetRule(firstInstance!, firstTargetKey) is not { } targetRule)
        {
            var (refusedAt, refused, resetIn) = await shared!.AdmitToWindowsAsync([tenantWindow], now).ConfigureAwait(false);
            return refusedAt < 0 ? null : throw new RateLimitExceededException($"tenant '{tenant}' ({LimitName(refused)})", resetIn);
        }

        // The tenant first: a refused tenant takes nothing from the target. Then the target, ahead of its first request.
        var subject = TargetSubject(firstTargetKey);
        var (index, refusal, reset) = await shared!.AdmitToWindowsAsync([tenantWindow, Window(subject, targetRule, reserveShare: 0)], now).ConfigureAwait(false);
        if (index == 0)
        {
            throw new RateLimitExceededException($"tenant '{tenant}' ({LimitName(refusal)})", reset);
        }

        return new PrepaidTargetAdmission(shared, firstTargetKey, subject, now, index == 1 ? LimitName(refusal) : null, reset);
    }

    /// <summary>
    /// Takes one request from the target's windows: null when admitted; else the limit that refused it ("requests per
    /// minute" or "tokens per minute", the route moves to its next target) and when its window resets. In process it
    /// completes synchronously; with shared state it is one awaited round trip unless the call's
    /// <see cref="PrepaidTargetAdmission"/> already decided it.
    /// </summary>
    /// <exception cref="SharedStateUnavailableException">The shared store did not answer (transient).</exception>
    public ValueTask<(string Limit, TimeSpan? RetryAfter)?> TryAcquireTargetAsync(string instance, string targetKey)
    {
        if (_hasTargetLimits && shared is not null)
        {
            if (TargetRule(instance, targetKey) is not { } rule)
            {
                return default;
            }

            // Admitted (or refused) in the tenant admission's round trip, for this call's first request to the target.
            if (PrepaidTargetAdmission.Current is { } prepaid && prepaid.TryTake(targetKey, out var prepaidLimit, out var prepaidRetry))
            {
                return new(prepaidLimit is null ? null : (prepaidLimit, prepaidRetry));
            }

            return AdmitSharedAsync(TargetSubject(targetKey), rule, reserveShare: 0);
        }

        if (!_hasTargetLimits || TargetWindows(instance, targetKey) is not { } windows)
        {
            return default;
        }

        if (windows.Tokens is { HasCapacity: false } tokens)
        {
            return new(("tokens per minute", tokens.RetryAfter));
        }

        if (windows.Requests is { } requests && !requests.TryAcquire())
        {
            return new(("requests per minute", requests.RetryAfter));
        }

        return default;
    }

    /// <summary>
    /// The share of a target's request and token windows kept for the routes' own calls: a shadow or replay call
    /// (<see cref="TryAcquireTargetSpareAsync"/>) goes ahead only while more than this share is left.
    /// </summary>
    public const double PrimaryReserve = 0.5;

    /// <summary>
    /// Like <see cref="TryAcquireTargetAsync"/>, for calls no caller waits for (shadows, replays): they share the provider's
    /// quota, so they take a request only while more than <see cref="PrimaryReserve"/> of the target's windows is left,
    /// and never the part another route's primary traffic needs. Null when they may go ahead; else the limit that makes
    /// them skip.
    /// </summary>
    /// <exception cref="SharedStateUnavailableException">The shared store did not answer (transient).</exception>
    public async ValueTask<string?> TryAcquireTargetSpareAsync(string instance, string targetKey)
    {
        if (_hasTargetLimits && shared is not null)
        {
            return TargetRule(instance, targetKey) is { } rule && await AdmitSharedAsync(TargetSubject(targetKey), rule, PrimaryReserve).ConfigureAwait(false) is { } refused
                ? refused.Limit + " (spare capacity)"
                : null;
        }

        if (!_hasTargetLimits || TargetWindows(instance, targetKey) is not { } windows)
        {
            return null;
        }

        if (windows.Tokens is { } tokens && !tokens.HasSpare(PrimaryReserve))
        {
            return "tokens per minute (spare capacity)";
        }

        if (windows.Requests is { } requests && !requests.TryAcquireSpare(PrimaryReserve))
        {
            return "requests per minute (spare capacity)";
        }

        return null;
    }

    /// <summary>
    /// Adds a provider call's used tokens (input + output) to the tenant's and the target's token windows; with a null
    /// <paramref name="tenant"/> (shadow and replay calls) to the target's only.
    /// </summary>
    public void ChargeTokens(string? tenant, string instance, string targetKey, long tokens)
    {
        if (shared is not null)
        {
            if (tokens > 0 && (_hasTenantLimits || _hasTargetLimits))
            {
                ChargeShared(tenant, instance, targetKey, tokens);
            }

            return;
        }

        if (_hasTenantLimits && tenant is not null)
        {
            TenantWindows(tenant)?.Tokens?.Charge(tokens);
        }

        if (_hasTargetLimits)
        {
            TargetWindows(instance, targetKey)?.Tokens?.Charge(tokens);
        }
    }

    /// <summary>Both windows' tokens in one pipelined batch (not awaited: the caller already has its answer).</summary>
    private void ChargeShared(string? tenant, string instance, string targetKey, long tokens)
    {
        var tenantCharged = _hasTenantLimits && tenant is not null && TenantRule(tenant) is { TokensPerMinute: not null };
        var targetCharged = _hasTargetLimits && TargetRule(instance, targetKey) is { TokensPerMinute: not null };
        string[] keys = (tenantCharged, targetCharged) switch
        {
            (true, true) => ["tenant:" + tenant!, TargetSubject(targetKey)],
            (true, false) => ["tenant:" + tenant!],
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
    private async ValueTask<(string Limit, TimeSpan? RetryAfter)?> AdmitSharedAsync(string subject, RateLimitRule rule, double reserveShare)
    {
        var (index, refused, resetIn) = await shared!.AdmitToWindowsAsync([Window(subject, rule, reserveShare)], time.GetUtcNow()).ConfigureAwait(false);
        return index < 0 ? null : (LimitName(refused), resetIn);
    }

    private static SharedWindow Window(string subject, RateLimitRule rule, double reserveShare) =>
        new(subject, Threshold(rule.TokensPerMinute, reserveShare), Threshold(rule.RequestsPerMinute, reserveShare));

    private static string LimitName(WindowRefusal refused) => refused == WindowRefusal.Tokens ? "tokens per minute" : "requests per minute";

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
