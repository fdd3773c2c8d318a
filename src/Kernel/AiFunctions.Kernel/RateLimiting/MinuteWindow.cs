using System.Threading.RateLimiting;

namespace AiFunctions.Kernel.RateLimiting;

/// <summary>
/// A fixed one-minute window over <see cref="FixedWindowRateLimiter"/>, rolled over from the kernel's TimeProvider
/// (a fresh limiter per window: the limiter's own replenishment reads the real clock), so tests can move time.
/// </summary>
internal sealed class MinuteWindow
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _time;
    private readonly int _limit;
    private volatile FixedWindowRateLimiter _limiter;
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart;

    public MinuteWindow(int limit, TimeProvider time)
    {
        _time = time;
        _limit = Math.Max(1, limit);
        _windowStart = time.GetUtcNow();
        _limiter = Create(_limit);
    }

    public TimeSpan RetryAfter
    {
        get
        {
            var left = _windowStart + Window - _time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public bool TryAcquire()
    {
        Roll();
        using var lease = _limiter.AttemptAcquire(1);
        return lease.IsAcquired;
    }

    /// <summary>
    /// Takes one unit only while more than <paramref name="reserveShare"/> of the window's limit is left (spare capacity:
    /// shadows and replays use it, so they never take the share the routes' own traffic needs).
    /// </summary>
    public bool TryAcquireSpare(double reserveShare)
    {
        Roll();
        lock (_lock)
        {
            if (_limiter.GetStatistics()!.CurrentAvailablePermits <= Reserve(reserveShare))
            {
                return false;
            }

            using var lease = _limiter.AttemptAcquire(1);
            return lease.IsAcquired;
        }
    }

    /// <summary>True while more than <paramref name="reserveShare"/> of the window's limit is left.</summary>
    public bool HasSpare(double reserveShare)
    {
        Roll();
        return _limiter.GetStatistics()!.CurrentAvailablePermits > Reserve(reserveShare);
    }

    private long Reserve(double reserveShare) => (long)Math.Ceiling(_limit * reserveShare);

    public bool HasCapacity
    {
        get
        {
            Roll();
            return _limiter.GetStatistics()!.CurrentAvailablePermits > 0;
        }
    }

    /// <summary>Charges used units (tokens) after the fact; more than is left just empties the window.</summary>
    public void Charge(long units)
    {
        if (units <= 0)
        {
            return;
        }

        Roll();
        var available = _limiter.GetStatistics()!.CurrentAvailablePermits;
        var take = (int)Math.Min(units, available);
        if (take > 0)
        {
            using var lease = _limiter.AttemptAcquire(take);
        }
    }

    private void Roll()
    {
        var now = _time.GetUtcNow();
        if (now - _windowStart < Window)
        {
            return;
        }

        lock (_lock)
        {
            if (now - _windowStart >= Window)
            {
                _windowStart = now;
                // Not disposed: a concurrent caller may still hold it, and without auto-replenishment it owns no timer.
                _limiter = Create(_limit);
            }
        }
    }

    private static FixedWindowRateLimiter Create(int limit) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = limit,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = false,
    });
}
