using System.Collections.Concurrent;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.SharedState;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace AiFunctions.Kernel.Resilience;

/// <summary>
/// Builds and caches the Polly v8 pipelines: one circuit breaker per target ("instance/model", shared by every route
/// using it) and, per route target, retry (jittered exponential backoff, Retry-After wins) around a per-attempt
/// timeout. Execution order: retry → timeout → circuit breaker → provider call (a timed-out attempt reaches the
/// breaker as a ProviderException of kind Timeout, so timeouts count as failures). Also the <see cref="ITargetHealth"/>.
/// <para>
/// With shared state (<see cref="SharedStateOptions.Redis"/>), every circuit that opens here and every keep-out is
/// published to the store (fire-and-forget, one write per event), and a background refresher reads every target's
/// published block in one pipelined round trip each <see cref="SharedStateOptions.CircuitRefreshInterval"/>. The call
/// path reads only the local copy, so another instance's open circuit is seen here at most one interval (plus one
/// round trip) late; until then this instance may still send calls to that target. When the store cannot be read the
/// last copy stays until its blocks end, and each instance's own breaker keeps working.
/// </para>
/// </summary>
internal sealed partial class TargetResilience : ITargetHealth, IDisposable
{
    private readonly ConcurrentDictionary<string, TargetCircuit> _circuits = new(StringComparer.OrdinalIgnoreCase);
    private readonly ResilienceOptions _settings;
    private readonly TimeProvider _time;
    private readonly RouteTable _routes;
    private readonly IKernelSharedState? _shared;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private bool _refreshFailing;

    public TargetResilience(ResilienceOptions settings, TimeProvider time, RouteTable routes, IKernelSharedState? shared = null, TimeSpan? refreshInterval = null, ILogger? logger = null)
    {
        _settings = settings;
        _time = time;
        _routes = routes;
        _shared = shared;
        _logger = logger ?? NullLogger.Instance;
        if (shared is not null)
        {
            Refresher = RefreshLoopAsync(refreshInterval ?? SharedStateOptions.DefaultCircuitRefreshInterval, _stop.Token);
        }
    }

    /// <summary>The background loop reading other instances' blocks (null without shared state).</summary>
    internal Task? Refresher { get; }

    public event EventHandler<CircuitOpenedEventArgs>? CircuitOpened;

    public event EventHandler<TargetHealthInfo>? CircuitClosed;

    public IReadOnlyList<TargetHealthInfo> Targets =>
        _routes.All.SelectMany(r => r.Targets)
            .Select(t => (t.Instance, t.Model))
            .Distinct()
            .Select(t => Get(t.Instance, t.Model))
            .OrderBy(t => t.Target, StringComparer.OrdinalIgnoreCase)
            .ToArray();

    public TargetHealthInfo Get(string instance, string model) => Circuit(instance, model).Info;

    /// <summary>True when the target's circuit is open or isolated, or the target is kept out: the executor skips it without calling.</summary>
    public bool IsOpen(RouteTarget target) => Circuit(target).State is CircuitState.Open or CircuitState.Isolated;

    /// <summary>
    /// After a failure that says the target will not serve for a while, keeps the target out of every route for that
    /// long: <see cref="AiFailureReason.QuotaExhausted"/> for <see cref="ResilienceOptions.QuotaCooldown"/> (or the
    /// provider's longer Retry-After), and a throttle whose Retry-After exceeded the route's MaxRetryWait for that
    /// Retry-After (at most QuotaCooldown). Returns how long the target is kept out, or null when it is not.
    /// </summary>
    public TimeSpan? KeepOutAfter(RouteTarget target, Exception failure, TimeSpan maxRetryWait)
    {
        var reason = FailureDescription.ReasonOf(failure);
        var retryAfter = FailureDescription.RetryAfterOf(failure);
        TimeSpan? keepOut = reason switch
        {
            AiFailureReason.QuotaExhausted => retryAfter is { } r && r > _settings.QuotaCooldown ? r : _settings.QuotaCooldown,
            AiFailureReason.RateLimited or AiFailureReason.Unavailable when retryAfter is { } r && r > maxRetryWait =>
                r > _settings.QuotaCooldown ? _settings.QuotaCooldown : r,
            _ => null,
        };
        if (keepOut is { } duration && duration > TimeSpan.Zero)
        {
            var now = _time.GetUtcNow();
            var description = FailureDescription.Describe(failure);
            var circuit = Circuit(target);
            circuit.KeepOut(now + duration, description);
            Publish(circuit.Key, keptOut: true, now + duration, now, description);
            return duration;
        }

        return null;
    }

    /// <summary>The target's shared circuit, looked up once and then cached on the route target (hot path).</summary>
    public TargetCircuit Circuit(RouteTarget target) => target.Circuit ??= Circuit(target.Instance, target.Model);

    public ResiliencePipeline PipelineFor(RouteTarget target, RouteOptions options) =>
        target.Pipeline ??= BuildRoutePipeline(options);

    /// <summary>
    /// The attempt pipeline when a replica of the target (same replica group and model) is next and available: the
    /// per-attempt timeout without same-target retries, since the replica serves the same deployment at once instead
    /// of after a backoff or a Retry-After.
    /// </summary>
    public ResiliencePipeline PipelineBeforeReplica(RouteTarget target, RouteOptions options) =>
        target.PipelineBeforeReplica ??= BuildRoutePipeline(options, retries: false);

    private TargetCircuit Circuit(string instance, string model) =>
        _circuits.GetOrAdd($"{instance}/{model}", static (key, state) => state.self.BuildCircuit(key, state.instance, state.model), (self: this, instance, model));

    private ResiliencePipeline BuildRoutePipeline(RouteOptions options, bool retries = true)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        if (retries && options.MaxRetries > 0)
        {
            var maxDelay = _settings.MaxRetryDelay;
            var maxWait = options.MaxRetryWait;
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = maxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && FailureDescription.RetriesSameTarget(ex, maxWait)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Exception is AiKernelException { RetryAfter: { } retryAfter }
                        ? (retryAfter > maxDelay ? maxDelay : retryAfter)
                        : null),
            });
        }

        // Innermost: the per-attempt timeout (Polly needs at least 10 ms).
        var timeout = options.Timeout < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : options.Timeout;
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = timeout });
        return builder.Build();
    }

    private TargetCircuit BuildCircuit(string key, string instance, string model)
    {
        var circuit = new TargetCircuit(key, instance, model, _time);
        var cb = _settings.CircuitBreaker;
        circuit.Pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = cb.FailureRatio,
                MinimumThroughput = cb.MinimumThroughput,
                SamplingDuration = cb.SamplingDuration,
                BreakDuration = cb.BreakDuration,
                StateProvider = circuit.StateProvider,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is { } ex && FailureDescription.CountsForCircuit(ex)),
                OnOpened = args =>
                {
                    var reason = args.Outcome.Exception is { } ex ? FailureDescription.Describe(ex) : null;
                    var openedAt = _time.GetUtcNow();
                    circuit.Opened(reason, openedAt, args.BreakDuration);
                    Publish(key, keptOut: false, openedAt + args.BreakDuration, openedAt, reason);
                    CircuitOpened?.Invoke(this, new CircuitOpenedEventArgs(key, instance, model, args.BreakDuration, reason, openedAt));
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    CircuitClosed?.Invoke(this, circuit.Info);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        return circuit;
    }

    /// <summary>Reads every known target's shared block once (what the background loop does each interval).</summary>
    internal async Task RefreshAsync()
    {
        // Every target a route names, plus any other circuit created so far (e.g. a target removed by an override).
        foreach (var target in _routes.All.SelectMany(r => r.Targets))
        {
            _ = Circuit(target);
        }

        var circuits = _circuits.Values.ToArray();
        var blocks = await _shared!.ReadTargetBlocksAsync(circuits.Select(c => c.Key).ToArray()).ConfigureAwait(false);
        for (var i = 0; i < circuits.Length; i++)
        {
            circuits[i].ApplyShared(blocks[i]);
        }
    }

    /// <summary>Stops the refresher. Idempotent: the container disposes this once per registration (it is also the ITargetHealth).</summary>
    public void Dispose()
    {
        // Not disposed itself: it has no timer, and a second Dispose must not throw.
        if (!_stop.IsCancellationRequested)
        {
            _stop.Cancel();
        }
    }

    private async Task RefreshLoopAsync(TimeSpan interval, CancellationToken stop)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            do
            {
                try
                {
                    await RefreshAsync().ConfigureAwait(false);
                    if (_refreshFailing)
                    {
                        _refreshFailing = false;
                        LogRefreshRecovered(_logger);
                    }
                }
                catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
                {
                    if (!_refreshFailing)
                    {
                        _refreshFailing = true;
                        LogRefreshFailed(_logger, ex.GetType().Name, ex.Message);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private void Publish(string target, bool keptOut, DateTimeOffset until, DateTimeOffset since, string? reason)
    {
        if (_shared is null)
        {
            return;
        }

        try
        {
            _shared.BlockTarget(target, keptOut, until, since, reason);
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            // The local circuit holds the block either way; other instances learn of it from their own failures.
            LogPublishFailed(_logger, target, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Shared circuit state: reading other instances' open circuits failed ({ErrorType}: {Error}); using the last copy and this instance's own breakers until the store answers again (AiFunctions:SharedState:Redis).")]
    private static partial void LogRefreshFailed(ILogger logger, string errorType, string error);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Shared circuit state: the store answers again; other instances' open circuits are read again.")]
    private static partial void LogRefreshRecovered(ILogger logger);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Shared circuit state: could not publish the block of target {Target} ({ErrorType}); it holds on this instance only.")]
    private static partial void LogPublishFailed(ILogger logger, string target, string errorType);
}
