using System.Diagnostics;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Registry;
using AiFunctions.Kernel.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace AiFunctions.Kernel.Routing;

/// <summary>
/// The one place where a route call is run: tenant rate limit and budgets, then each target in route order —
/// skipped when its circuit is open or it is over its rate limit — through its resilience pipeline
/// (retry → timeout → circuit breaker). Bad requests and content refusals stop at once; every other provider
/// failure (after retries) moves to the next target. Used by the route chat client, the route embedding generator
/// and the AI function invoker, with one delegate per target attempt. Logs route, target, failure kind, status
/// and durations only.
/// </summary>
internal sealed partial class RouteExecutor(
    IProviderRegistry registry,
    TargetResilience resilience,
    KernelRateLimits limits,
    BudgetGuard budgets,
    UsageAccountant accountant,
    KernelMetrics metrics,
    TimeProvider time,
    ILogger<RouteExecutor> logger)
{
    public async ValueTask<TResult> ExecuteAsync<TState, TResult>(
        RouteRuntime route,
        TState state,
        Func<RouteAttempt, TState, CancellationToken, ValueTask<TResult>> attempt,
        CancellationToken cancellationToken)
    {
        var call = AiCallContext.Current;
        limits.AcquireTenant(call.Tenant);
        budgets.EnsureWithin(call.Tenant, route.Name);

        var order = route.Order(Random.Shared);
        List<RouteAttemptFailure>? failures = null;
        Exception? last = null;
        for (var i = 0; i < order.Length; i++)
        {
            var target = order[i];
            if (resilience.IsOpen(target))
            {
                Skip(route, target, "circuit open", ref failures);
                continue;
            }

            if (!limits.TryAcquireTarget(target.Instance, target.Key, out var limited))
            {
                Skip(route, target, limited!, ref failures);
                continue;
            }

            var routeAttempt = new RouteAttempt(route, target, call, registry, accountant);
            var started = time.GetTimestamp();
            try
            {
                var result = await RunAsync(route, target, routeAttempt, state, attempt, cancellationToken).ConfigureAwait(false);
                RecordDuration(route, target, started, "success");
                if (failures is { Count: > 0 })
                {
                    metrics.Failovers.Add(1, new TagList { { "route", route.Name }, { "target", target.Key } });
                }

                return result;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                RecordDuration(route, target, started, "failure");
                var description = FailureDescription.Describe(ex);
                metrics.Failures.Add(1, new TagList { { "route", route.Name }, { "target", target.Key }, { "failure.kind", FailureDescription.KindOf(ex)?.ToString() ?? ex.GetType().Name } });
                if (!FailureDescription.FailsOver(ex))
                {
                    LogStopped(logger, route.Name, target.Key, description, Elapsed(started).TotalMilliseconds);
                    throw;
                }

                LogFailedOver(logger, route.Name, target.Key, description, Elapsed(started).TotalMilliseconds, routeAttempt.Calls);
                (failures ??= []).Add(new RouteAttemptFailure(target.Key, description, FailureDescription.KindOf(ex)));
                last = ex;
            }
        }

        throw new RouteFailedException(route.Name, (IReadOnlyList<RouteAttemptFailure>?)failures ?? [], last);
    }

    private async ValueTask<TResult> RunAsync<TState, TResult>(
        RouteRuntime route,
        RouteTarget target,
        RouteAttempt routeAttempt,
        TState state,
        Func<RouteAttempt, TState, CancellationToken, ValueTask<TResult>> attempt,
        CancellationToken cancellationToken)
    {
        var pipeline = resilience.PipelineFor(target, route.Options);
        var circuit = resilience.Circuit(target).Pipeline;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var run = new AttemptRun<TState, TResult>(circuit, routeAttempt, state, attempt, cancellationToken);
            return await pipeline.ExecuteAsync(
                static (ctx, r) => r.Circuit.ExecuteAsync(static (ctx2, r2) => r2.InvokeAsync(ctx2.CancellationToken), ctx, r),
                context,
                run).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private void Skip(RouteRuntime route, RouteTarget target, string reason, ref List<RouteAttemptFailure>? failures)
    {
        LogSkipped(logger, route.Name, target.Key, reason);
        metrics.Failures.Add(1, new TagList { { "route", route.Name }, { "target", target.Key }, { "failure.kind", "Skipped" } });
        (failures ??= []).Add(new RouteAttemptFailure(target.Key, reason, reason.StartsWith("rate", StringComparison.Ordinal) ? ProviderFailureKind.RateLimited : null));
    }

    private void RecordDuration(RouteRuntime route, RouteTarget target, long started, string outcome)
    {
        if (metrics.Duration.Enabled)
        {
            metrics.Duration.Record(Elapsed(started).TotalSeconds, new TagList { { "route", route.Name }, { "target", target.Key }, { "outcome", outcome } });
        }
    }

    private TimeSpan Elapsed(long started) => time.GetElapsedTime(started);

    [LoggerMessage(1, LogLevel.Warning, "Route {Route}: target {Target} failed ({Failure}) after {ElapsedMs:0} ms and {Calls} call(s); failing over.")]
    private static partial void LogFailedOver(ILogger logger, string route, string target, string failure, double elapsedMs, int calls);

    [LoggerMessage(2, LogLevel.Warning, "Route {Route}: target {Target} failed ({Failure}) after {ElapsedMs:0} ms; not retried and not failed over.")]
    private static partial void LogStopped(ILogger logger, string route, string target, string failure, double elapsedMs);

    [LoggerMessage(3, LogLevel.Information, "Route {Route}: target {Target} skipped ({Reason}).")]
    private static partial void LogSkipped(ILogger logger, string route, string target, string reason);

    /// <summary>One target's run inside the pipelines; turns a timed-out attempt into a ProviderException of kind Timeout.</summary>
    private sealed class AttemptRun<TState, TResult>(
        ResiliencePipeline circuit,
        RouteAttempt routeAttempt,
        TState state,
        Func<RouteAttempt, TState, CancellationToken, ValueTask<TResult>> attempt,
        CancellationToken callerToken)
    {
        public ResiliencePipeline Circuit { get; } = circuit;

        public async ValueTask<TResult> InvokeAsync(CancellationToken token)
        {
            routeAttempt.Calls++;
            try
            {
                return await attempt(routeAttempt, state, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!callerToken.IsCancellationRequested && token.IsCancellationRequested)
            {
                throw new ProviderException(ProviderFailureKind.Timeout, routeAttempt.Target.Instance,
                    $"model '{routeAttempt.Target.Model}' did not answer within the route's timeout ({routeAttempt.Route.Options.Timeout}).", innerException: ex);
            }
        }
    }
}
