using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace AiFunctions.Kernel.RateLimiting;

/// <summary>
/// The per-target concurrency limits of <see cref="ConcurrencyLimitOptions"/>: one
/// <see cref="ConcurrencyLimiter"/> (System.Threading.RateLimiting, oldest first) per route target that has a limit,
/// created on first use. The route executor takes a slot before a target's attempt (outside its retry, timeout and
/// circuit breaker, so waiting is neither a timeout nor a failure) and returns it when the attempt ends.
/// </summary>
internal sealed class TargetConcurrency(ConcurrencyLimitOptions settings)
{
    private readonly ConcurrentDictionary<string, ConcurrencyLimiter?> _limiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _any = settings.Targets.Count > 0;

    /// <summary>
    /// Waits for a slot on the target; null when the target has no limit. Throws
    /// <see cref="TargetLimitExceededException"/> ("concurrent calls") when its queue is full, and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled while waiting.
    /// Dispose the lease to free the slot.
    /// </summary>
    public async ValueTask<RateLimitLease?> AcquireAsync(string instance, string targetKey, CancellationToken cancellationToken)
    {
        if (!_any || Limiter(instance, targetKey) is not { } limiter)
        {
            return null;
        }

        var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        throw new TargetLimitExceededException(targetKey, "concurrent calls (queue full)", null);
    }

    /// <summary>
    /// For calls no caller waits for (shadows, replays): a slot only when one is free now and no route call is waiting
    /// for one (the limiter serves its queue oldest first, so a spare request never goes ahead of a waiting call).
    /// False when none is; true with <paramref name="slot"/> null when the target has no limit. Dispose the slot to free it.
    /// </summary>
    public bool TryAcquireSpare(string instance, string targetKey, out RateLimitLease? slot)
    {
        slot = null;
        if (!_any || Limiter(instance, targetKey) is not { } limiter)
        {
            return true;
        }

        var lease = limiter.AttemptAcquire(1);
        if (lease.IsAcquired)
        {
            slot = lease;
            return true;
        }

        lease.Dispose();
        return false;
    }

    /// <summary>Calls waiting for a slot on the target (0 without a limit).</summary>
    public long Queued(string instance, string targetKey) =>
        _any && Limiter(instance, targetKey)?.GetStatistics() is { } stats ? stats.CurrentQueuedCount : 0;

    private ConcurrencyLimiter? Limiter(string instance, string targetKey) =>
        _limiters.GetOrAdd(targetKey, static (key, state) =>
            state.settings.Targets.TryGetValue(key, out var rule) || state.settings.Targets.TryGetValue(state.instance, out rule)
                ? new ConcurrencyLimiter(new ConcurrencyLimiterOptions
                {
                    PermitLimit = rule.MaxConcurrentCalls,
                    QueueLimit = rule.MaxQueuedCalls,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : null,
            (settings, instance));
}
