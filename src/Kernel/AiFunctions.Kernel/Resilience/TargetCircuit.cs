using Polly;
using Polly.CircuitBreaker;

namespace AiFunctions.Kernel.Resilience;

/// <summary>The circuit breaker of one target ("instance/model") and what is known about its last failure.</summary>
internal sealed class TargetCircuit(string key, string instance, string model, TimeProvider time)
{
    private string? _lastFailure;
    private DateTimeOffset? _openedAt;
    private DateTimeOffset _blockedUntil;

    public string Key { get; } = key;

    public CircuitBreakerStateProvider StateProvider { get; } = new();

    public ResiliencePipeline Pipeline { get; set; } = ResiliencePipeline.Empty;

    /// <summary>
    /// Polly moves an open circuit to half-open only when the next call arrives; report half-open as soon as the break
    /// has elapsed, so the executor lets that probe through and health readers see the truth.
    /// </summary>
    public CircuitState State => StateProvider.CircuitState switch
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

    public void Opened(string? reason, DateTimeOffset at, TimeSpan breakDuration)
    {
        _lastFailure = reason;
        _openedAt = at;
        _blockedUntil = at + breakDuration;
    }
}
