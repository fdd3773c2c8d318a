using Polly;
using Polly.CircuitBreaker;

namespace AiFunctions.Kernel.Resilience;

/// <summary>The circuit breaker of one target ("instance/model") and what is known about its last failure.</summary>
internal sealed class TargetCircuit(string key, string instance, string model, TimeProvider time)
{
    private string? _lastFailure;
    private DateTimeOffset? _openedAt;
    private DateTimeOffset _blockedUntil;
    private DateTimeOffset _keptOutUntil;

    public string Key { get; } = key;

    public CircuitBreakerStateProvider StateProvider { get; } = new();

    public ResiliencePipeline Pipeline { get; set; } = ResiliencePipeline.Empty;

    /// <summary>
    /// Polly moves an open circuit to half-open only when the next call arrives; report half-open as soon as the break
    /// has elapsed, so the executor lets that probe through and health readers see the truth.
    /// </summary>
    public CircuitState State => time.GetUtcNow() < _keptOutUntil ? CircuitState.Open : StateProvider.CircuitState switch
    {
        CircuitState.Open when time.GetUtcNow() >= _blockedUntil => CircuitState.HalfOpen,
        var state => state,
    };

    public TargetHealthInfo Info => new(Key, instance, model, State switch
    {
        CircuitState.Open => TargetCircuitState.Open,
        CircuitState.HalfOpen => TargetCircuitState.HalfOpen,
        CircuitState.Isolated => TargetCircuitState.Isolated,
        _ => TargetCircuitState.Closed,
    }, _lastFailure, _openedAt);

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

    /// <summary>True while the target is kept out (quota exhausted, long Retry-After), as opposed to an open circuit.</summary>
    public bool IsKeptOut => time.GetUtcNow() < _keptOutUntil;

    /// <summary>How long calls will still skip the target (keep-out or open circuit); null when that is not known or over.</summary>
    public TimeSpan? BlockedFor
    {
        get
        {
            var now = time.GetUtcNow();
            var until = _keptOutUntil > _blockedUntil ? _keptOutUntil : _blockedUntil;
            return now < until ? until - now : null;
        }
    }

    public void Opened(string? reason, DateTimeOffset at, TimeSpan breakDuration)
    {
        _lastFailure = reason;
        _openedAt = at;
        _blockedUntil = at + breakDuration;
    }
}
