using Polly;
using Polly.CircuitBreaker;

namespace AiFunctions.Kernel.Resilience;

/// <summary>The circuit breaker of one target ("instance/model") and what is known about its last failure.</summary>
internal sealed class TargetCircuit(string key, string instance, string model)
{
    private string? _lastFailure;
    private DateTimeOffset? _openedAt;

    public string Key { get; } = key;

    public CircuitBreakerStateProvider StateProvider { get; } = new();

    public ResiliencePipeline Pipeline { get; set; } = ResiliencePipeline.Empty;

    public CircuitState State => StateProvider.CircuitState;

    public TargetHealthInfo Info => new(Key, instance, model, State switch
    {
        CircuitState.Open => TargetCircuitState.Open,
        CircuitState.HalfOpen => TargetCircuitState.HalfOpen,
        CircuitState.Isolated => TargetCircuitState.Isolated,
        _ => TargetCircuitState.Closed,
    }, _lastFailure, _openedAt);

    public void Opened(string? reason, DateTimeOffset at)
    {
        _lastFailure = reason;
        _openedAt = at;
    }
}
