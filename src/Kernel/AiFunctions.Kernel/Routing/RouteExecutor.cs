using System.Diagnostics;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Pipeline;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Registry;
using AiFunctions.Kernel.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace AiFunctions.Kernel.Routing;

/// <summary>
/// The one place where a route call is run: the tenant's rate limit (admission, once per call; with shared state in the
/// same Redis round trip as the first target's window, <see cref="PrepaidTargetAdmission"/>), then each target in
/// route order — skipped when its circuit is open or it is kept out (quota exhausted, long Retry-After) — through its
/// resilience pipeline (retry → attempt timeout → circuit breaker) around the target's chat pipeline
/// (<see cref="TargetPipelines"/>). What happens after a failure is decided by its <see cref="AiFailureReason"/> alone
/// (<see cref="AiFailureReasons"/>): retry the same target, move to the next one now, or stop. Used by the route chat
/// client, the route embedding generator and the AI function invoker, with one delegate per target attempt. Traces one
/// span per call and per attempt; logs route, target, failure reason, status and durations only.
/// </summary>
internal sealed partial class RouteExecutor(
    IProviderRegistry registry,
    TargetResilience resilience,
    KernelRateLimits limits,
    UsageAccountant accountant,
    TargetPipelines pipelines,
    KernelMetrics metrics,
    TimeProvider time,
    ILogger<RouteExecutor> logger,
    TargetConcurrency? concurrency = null)
{
    public async ValueTask<TResult> ExecuteAsync<TState, TResult>(
        RouteRuntime route,
        TState state,
        Func<RouteAttempt, TState, CancellationToken, ValueTask<TResult>> attempt,
        CancellationToken cancellationToken)
    {
        var call = AiCallContext.Current;
        using var activity = KernelActivities.Source.HasListeners() ? KernelActivities.Source.StartActivity(route.SpanName) : null;
        activity?.SetTag(KernelActivities.Route, route.Name);
        activity?.SetTag(KernelActivities.Tenant, call.Tenant);
        activity?.SetTag(KernelActivities.Workflow, call.Workflow);

        // Tokens for the spans: only collected when a span is being recorded.
        using var usage = activity is null ? null : CallUsageScope.Begin();
        RouteTarget[] order;
        PrepaidTargetAdmission? prepaid;
        try
        {
            order = route.Order(call.Targeting, Random.Shared);
            var first = FirstNotOpen(order);
            prepaid = limits.AcquireTenant(call.Tenant, first?.Instance, first?.Key);
        }
        catch (AiKernelException ex)
        {
            KernelActivities.SetFailure(activity, ex.Reason.ToString());
            throw;
        }

        using var prepaidAdmission = prepaid;
        List<RouteAttemptFailure>? failures = null;
        Exception? last = null;
        var number = 0;
        for (var i = 0; i < order.Length; i++)
        {
            var target = order[i];
            var circuit = resilience.Circuit(target);
            if (resilience.IsOpen(target))
            {
                Skip(activity, route, target, circuit.IsKeptOut ? "kept out (" + circuit.Info.LastFailure + ")" : "circuit open", null, circuit.BlockedFor, ref failures);
                continue;
            }

            var routeAttempt = new RouteAttempt(route, target, ++number, call, registry, pipelines, accountant);
            using var attemptActivity = activity is null ? null : StartAttempt(route, target, number, last);
            var usageBefore = usage?.Total;
            var started = time.GetTimestamp();
            var replicaNext = ReplicaNext(order, i);
            try
            {
                var result = await RunAsync(route, target, replicaNext, routeAttempt, state, attempt, cancellationToken).ConfigureAwait(false);
                RecordDuration(route, target, started, "success");
                EndAttempt(attemptActivity, routeAttempt, usage, usageBefore);
                if (failures is { Count: > 0 })
                {
                    metrics.Failovers.Add(1, new TagList { { KernelActivities.Route, route.Name }, { KernelActivities.Target, target.Key } });
                }

                activity?.SetTag(KernelActivities.Target, target.Key);
                activity?.SetTag(KernelActivities.Attempts, number);
                if (usage is not null)
                {
                    KernelActivities.SetUsage(activity, usage.Total);
                }

                return result;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                RecordDuration(route, target, started, "failure");
                var description = FailureDescription.Describe(ex);
                var reason = FailureDescription.ReasonOf(ex);
                EndAttempt(attemptActivity, routeAttempt, usage, usageBefore);
                KernelActivities.SetFailure(attemptActivity, reason?.ToString() ?? ex.GetType().Name);
                // A target over the kernel's own limit (UseLimitsAndBudgets) was skipped, not failed by its provider.
                var errorType = ex is TargetLimitExceededException ? "Skipped" : reason?.ToString() ?? ex.GetType().Name;
                metrics.Failures.Add(1, new TagList { { KernelActivities.Route, route.Name }, { KernelActivities.Target, target.Key }, { KernelActivities.ErrorType, errorType } });
                if (!FailureDescription.FailsOver(ex))
                {
                    LogStopped(logger, route.Name, target.Key, description, Elapsed(started).TotalMilliseconds);
                    activity?.SetTag(KernelActivities.Attempts, number);
                    KernelActivities.SetFailure(activity, reason?.ToString() ?? ex.GetType().Name);
                    throw;
                }

                // Before a replica the route waits for nothing: a Retry-After keeps this target out for that long instead.
                var keptOut = resilience.KeepOutAfter(target, ex, replicaNext ? TimeSpan.Zero : route.Options.MaxRetryWait);
                LogFailedOver(logger, route.Name, target.Key, description, Elapsed(started).TotalMilliseconds, routeAttempt.Calls);
                (failures ??= []).Add(new RouteAttemptFailure(target.Key, description, reason, keptOut ?? FailureDescription.RetryAfterOf(ex)));
                last = ex;
            }
        }

        var failed = new RouteFailedException(route.Name, (IReadOnlyList<RouteAttemptFailure>?)failures ?? [], last);
        activity?.SetTag(KernelActivities.Attempts, number);
        KernelActivities.SetFailure(activity, failed.Reason.ToString());
        throw failed;
    }

    /// <summary>The target the call will try first (the first one not skipped for its circuit), or null.</summary>
    private RouteTarget? FirstNotOpen(RouteTarget[] order)
    {
        foreach (var target in order)
        {
            if (!resilience.IsOpen(target))
            {
                return target;
            }
        }

        return null;
    }

    /// <summary>
    /// True when a later target of this call's order is a replica of <c>order[index]</c> (same declared replica group and
    /// model: the same deployment, docs/kernel.md) and is not skipped: then a failure of this target goes to the replica
    /// at once — no same-target retry, backoff or Retry-After wait — and a Retry-After keeps this target out for its
    /// duration. Without a replica (or with none available) the route's retries and MaxRetryWait apply as configured.
    /// </summary>
    private bool ReplicaNext(RouteTarget[] order, int index)
    {
        var target = order[index];
        if (target.ReplicaGroup is null)
        {
            return false;
        }

        for (var j = index + 1; j < order.Length; j++)
        {
            if (string.Equals(order[j].ReplicaKey, target.ReplicaKey, StringComparison.Ordinal) && !resilience.IsOpen(order[j]))
            {
                return true;
            }
        }

        return false;
    }

    private Activity? StartAttempt(RouteRuntime route, RouteTarget target, int number, Exception? previous)
    {
        var activity = KernelActivities.Source.StartActivity(target.SpanName);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag(KernelActivities.Route, route.Name);
        activity.SetTag(KernelActivities.Target, target.Key);
        activity.SetTag(KernelActivities.Attempt, number);
        activity.SetTag(KernelActivities.RequestModel, target.Model);
        activity.SetTag(KernelActivities.ProviderName, registry.GetInstance(target.Instance).Plugin.Id);
        if (previous is not null)
        {
            activity.SetTag(KernelActivities.FailoverReason, FailureDescription.ReasonOf(previous)?.ToString() ?? previous.GetType().Name);
        }

        return activity;
    }

    private static void EndAttempt(Activity? activity, RouteAttempt attempt, CallUsageScope? usage, CallUsage? before)
    {
        if (activity is null || usage is null || before is null)
        {
            return;
        }

        activity.SetTag(KernelActivities.Calls, attempt.Calls);
        var after = usage.Total;
        KernelActivities.SetUsage(activity, new CallUsage(
            after.InputTokens - before.InputTokens, after.OutputTokens - before.OutputTokens,
            after.CachedInputTokens - before.CachedInputTokens, after.Cost - before.Cost, after.Currency));
    }

    private async ValueTask<TResult> RunAsync<TState, TResult>(
        RouteRuntime route,
        RouteTarget target,
        bool replicaNext,
        RouteAttempt routeAttempt,
        TState state,
        Func<RouteAttempt, TState, CancellationToken, ValueTask<TResult>> attempt,
        CancellationToken cancellationToken)
    {
        // The target's concurrency limit (ConcurrencyLimits): a slot for the whole attempt, taken before the retry,
        // timeout and circuit so that waiting for it is neither a time-out nor a failure of the target.
        using var slot = concurrency is null ? null : await concurrency.AcquireAsync(target.Instance, target.Key, cancellationToken).ConfigureAwait(false);
        var pipeline = replicaNext ? resilience.PipelineBeforeReplica(target, route.Options) : resilience.PipelineFor(target, route.Options);
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

    private void Skip(Activity? activity, RouteRuntime route, RouteTarget target, string reason, AiFailureReason? kind, TimeSpan? blockedFor, ref List<RouteAttemptFailure>? failures)
    {
        LogSkipped(logger, route.Name, target.Key, reason);
        activity?.AddEvent(new ActivityEvent("target skipped", tags: new ActivityTagsCollection { [KernelActivities.Target] = target.Key, ["reason"] = reason }));
        metrics.Failures.Add(1, new TagList { { KernelActivities.Route, route.Name }, { KernelActivities.Target, target.Key }, { KernelActivities.ErrorType, "Skipped" } });
        (failures ??= []).Add(new RouteAttemptFailure(target.Key, reason, kind, blockedFor));
    }

    private void RecordDuration(RouteRuntime route, RouteTarget target, long started, string outcome)
    {
        if (metrics.Duration.Enabled)
        {
            metrics.Duration.Record(Elapsed(started).TotalSeconds, new TagList { { KernelActivities.Route, route.Name }, { KernelActivities.Target, target.Key }, { KernelActivities.Outcome, outcome } });
        }
    }

    private TimeSpan Elapsed(long started) => time.GetElapsedTime(started);

    [LoggerMessage(1, LogLevel.Warning, "Route {Route}: target {Target} failed ({Failure}) after {ElapsedMs:0} ms and {Calls} call(s); failing over.")]
    private static partial void LogFailedOver(ILogger logger, string route, string target, string failure, double elapsedMs, int calls);

    [LoggerMessage(2, LogLevel.Warning, "Route {Route}: target {Target} failed ({Failure}) after {ElapsedMs:0} ms; not retried and not failed over.")]
    private static partial void LogStopped(ILogger logger, string route, string target, string failure, double elapsedMs);

    [LoggerMessage(3, LogLevel.Information, "Route {Route}: target {Target} skipped ({Reason}).")]
    private static partial void LogSkipped(ILogger logger, string route, string target, string reason);

    /// <summary>One target's run inside the pipelines; turns a timed-out attempt into a ProviderException with reason Timeout.</summary>
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
                throw new ProviderException(AiFailureReason.Timeout, routeAttempt.Target.Instance,
                    $"model '{routeAttempt.Target.Model}' did not answer within the route's timeout ({routeAttempt.Route.Options.Timeout}); moving to the next target.", innerException: ex);
            }
        }
    }
}
