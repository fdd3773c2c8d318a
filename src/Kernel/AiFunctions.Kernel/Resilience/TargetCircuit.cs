using AiFunctions.Kernel.SharedState;
using Polly;
using Polly.CircuitBreaker;

namespace AiFunctions.Kernel.Resilience;

/// <summary>
/// The circuit breaker of one target ("instance/model") and what is known about its last failure. With shared state
/// (<see cref="SharedStateOptions.Redis"/>) it also holds what other instances published about the target
/// (<see cref="ApplyShared"/>): while another instance has the target's circuit open or keeps it out, this instance
/// skips it too. Every read here is local (no store round trip on the call path).
/// </summary>
internal sealed class TargetCircuit(string key, string instance, string model, TimeProvider time)
{
    private string? _lastFailure;
    private DateTimeOffset? _openedAt;
    private DateTimeOffset _blockedUntil;
    private DateTimeOffset _keptOutUntil;

    // What the shared store said at the last refresh (UTC ticks, written by the refresher and read on the call path:
    // longs, so a read is never torn). Zero when nothing is known.
    private long _sharedOpenUntil;
    private long _sharedKeptOutUntil;
    private SharedTargetBlock? _shared;

    public string Key { get; } = key;

    public CircuitBreakerStateProvider StateProvider { get; } = new();

    public ResiliencePipeline Pipeline { get; set; } = ResiliencePipeline.Empty;

    /// <summary>
    /// Polly moves an open circuit to half-open only when the next call arrives; report half-open as soon as the break
    /// has elapsed, so the executor lets that probe through and health readers see the truth. A block another instance
    /// published (open circuit or keep-out) reads as Open until it ends.
    /// </summary>
    public CircuitState State
    {
        get
        {
            var now = time.GetUtcNow();
            if (now < _keptOutUntil || IsSharedBlocked(now.UtcTicks))
            {
                return CircuitState.Open;
            }

            return StateProvider.CircuitState switch
            {
                CircuitState.Open when now >= _blockedUntil => CircuitState.HalfOpen,
                var state => state,
            };
        }
    }

    public TargetHealthInfo Info
    {
        get
        {
            var state = State switch
            {
                CircuitState.Open => TargetCircuitState.Open,
                CircuitState.HalfOpen => TargetCircuitState.HalfOpen,
                CircuitState.Isolated => TargetCircuitState.Isolated,
                _ => TargetCircuitState.Closed,
            };

            // A block only another instance knows about explains itself with that instance's failure.
            var now = time.GetUtcNow();
            return _shared is { } shared && IsSharedBlocked(now.UtcTicks) && now >= _keptOutUntil && now >= _blockedUntil
                ? new TargetHealthInfo(Key, instance, model, state, shared.Reason, shared.Since)
                : new TargetHealthInfo(Key, instance, model, state, _lastFailure, _openedAt);
        }
    }

    /// <summary>Keeps the target out until <paramref name="until"/> (quota exhausted, long Retry-After), whatever the breaker says.</summary>
    public void KeepOut(DateTimeOffset until, string reason)
    {
        if (until > _keptOutUntil)
        {
            _keptOutUntil = until;
            _lastFailure = reason;
            _openedAt = time.GetUtcNow();
        }
    }

    /// <summary>True while the target is kept out (quota exhausted, long Retry-After), here or by another instance, as opposed to an open circuit.</summary>
    public bool IsKeptOut
    {
        get
        {
            var now = time.GetUtcNow();
            return now < _keptOutUntil || now.UtcTicks < Volatile.Read(ref _sharedKeptOutUntil);
        }
    }

    /// <summary>How long calls will still skip the target (keep-out or open circuit, here or elsewhere); null when that is not known or over.</summary>
    public TimeSpan? BlockedFor
    {
        get
        {
            var now = time.GetUtcNow();
            var until = _keptOutUntil > _blockedUntil ? _keptOutUntil : _blockedUntil;
            var shared = Math.Max(Volatile.Read(ref _sharedOpenUntil), Volatile.Read(ref _sharedKeptOutUntil));
            if (shared > until.UtcTicks)
            {
                until = new DateTimeOffset(shared, TimeSpan.Zero);
            }

            return now < until ? until - now : null;
        }
    }

    public void Opened(string? reason, DateTimeOffset at, TimeSpan breakDuration)
    {
        _lastFailure = reason;
        _openedAt = at;
        _blockedUntil = at + breakDuration;
    }

    /// <summary>Takes what the shared store holds for this target (null: no block anywhere). Called by the refresher only.</summary>
    public void ApplyShared(SharedTargetBlock? block)
    {
        _shared = block;
        Volatile.Write(ref _sharedOpenUntil, block?.OpenUntil.UtcTicks ?? 0);
        Volatile.Write(ref _sharedKeptOutUntil, block?.KeptOutUntil.UtcTicks ?? 0);
    }

    private bool IsSharedBlocked(long nowTicks) =>
        nowTicks < Volatile.Read(ref _sharedOpenUntil) || nowTicks < Volatile.Read(ref _sharedKeptOutUntil);
}
