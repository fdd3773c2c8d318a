namespace AiFunctions.Kernel.Resilience;

/// <summary>
/// Per-target circuit breaker (<c>AiFunctions:Resilience:CircuitBreaker</c>). The circuit opens when, within
/// <see cref="SamplingDuration"/>, at least <see cref="MinimumThroughput"/> calls were made and at least
/// <see cref="FailureRatio"/> of them failed transiently (429, 5xx, timeouts, malformed bodies).
/// </summary>
public sealed class CircuitBreakerOptions
{
    public double FailureRatio { get; set; } = 0.5;

    public int MinimumThroughput { get; set; } = 4;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
