using System.Diagnostics;
using System.Runtime.ExceptionServices;
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
    /// <param name="hedge">
    /// True for calls that may be hedged across replicas (<see cref="RouteOptions.HedgingDelay"/>): non-streamed chat and
    /// AI function calls. Streams and embeddings pass false.
    /// </param>
    public async ValueTask<TResult> ExecuteAsync<TState, TResult>(
        RouteRuntime route,
        TState state,
        Func<RouteAttempt, TState, CancellationToken, ValueTask<TResult>> attempt,
        CancellationToken cancellationToken,
        bool hedge = false)
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
            prepaid = await limits.AcquireTenantAsync(call.Tenant, first?.Instance, first?.Key).ConfigureAwait(false);
        }
        catch (AiKernelException ex)
        {
            KernelActivities.SetFailure(activity, ex.Reason.ToString());
            throw;
        }

        using var prepaidAdmission = prepaid is null ? null : PrepaidTargetAdmission.Begin(prepaid);
        var run = new CallRun<TState, TResult>(route, call, state, attempt, activity, cancellationToken);
        var hedgingDelay = hedge ? route.Options.HedgingDelay : null;
        var hedged = -1;
        for (var i = 0; i < order.Length; i++)
        {
            if (i == hedged)
            {
                continue; // already tried as this call's hedge
            }

            var target = order[i];
            var circuit = resilience.Circuit(target);
            if (resilience.IsOpen(target))
            {
                Skip(activity, route, target, circuit.IsKeptOut ? "kept out (" + circuit.Info.LastFailure + ")" : "circuit open", null, circuit.BlockedFor, ref run.Failures);
                continue;
            }

            // Only a call that may hedge gives its attempt a cancellation source of its own (the loser is cancelled alone).
            var hedgeTo = hedgingDelay is null ? -1 : HedgeTarget(order, i);
            var done = Launch(run, target, ReplicaNext(order, i), isHedge: false, own: hedgeTo >= 0);
            Running<TState, TResult>? other = null;
            if (hedgeTo >= 0)
            {
                other = await HedgeAfterAsync(run, done, order[hedgeTo], ReplicaNext(order, hedgeTo), hedgingDelay!.Value).ConfigureAwait(false);
                if (other is not null)
                {
                    hedged = hedgeTo;
                    if (await Task.WhenAny(done.Outcome.AsTask(), other.Outcome.AsTask()).ConfigureAwait(false) == other.Outcome.AsTask())
                    {
                        (done, other) = (other, done);
                    }
                }
            }

            while (true)
            {
                var outcome = await done.Outcome.ConfigureAwait(false);
                if (outcome.Failure is null)
                {
                    if (other is not null)
                    {
                        Cancel(run, other, won: done);
                    }

                    return Succeeded(run, done, outcome.Result!);
                }

                var ex = outcome.Failure.SourceException;
                if (other is not null && done.Attempt.IsHedge && RefusedBeforeSent(ex))
                {
                    // The kernel refused the hedge's extra request (the budget spent meanwhile, the shared store down): that
                    // refuses the hedge, not the call, whose first attempt was admitted and is still running.
                    Dropped(run, done, ex);
                    (done, other) = (other, null);
                    continue;
                }

                if (!FailureDescription.FailsOver(ex) || ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    // A permanent failure stops the call as it would without a hedge; the caller's cancellation stops both.
                    if (other is not null)
                    {
                        Cancel(run, other, won: null);
                    }

                    if (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        LogStopped(logger, route.Name, done.Attempt.Target.Key, FailureDescription.Describe(ex), Elapsed(done.Started).TotalMilliseconds);
                        activity?.SetTag(KernelActivities.Attempts, run.Number);
                        KernelActivities.SetFailure(activity, FailureDescription.ReasonOf(ex)?.ToString() ?? ex.GetType().Name);
                    }

                    // The attempt has ended: its linked source would otherwise stay registered on the caller's token.
                    done.Source?.Dispose();
                    outcome.Failure.Throw();
                }

                FailedOver(run, done, ex);
                if (other is null)
                {
                    break;
                }

                (done, other) = (other, null);
            }
        }

        var failed = new RouteFailedException(route.Name, (IReadOnlyList<RouteAttemptFailure>?)run.Failures ?? [], run.Last);
        activity?.SetTag(KernelActivities.Attempts, run.Number);
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
    /// The index of the target a hedge of <c>order[index]</c> would go to: the next target of the call's order that is
    /// not skipped, when it is a replica of <c>order[index]</c> (same replica group and model); -1 otherwise (no hedge to
    /// a target outside the group: another deployment may answer differently, and a different scorer costs a re-score).
    /// </summary>
    private int HedgeTarget(RouteTarget[] order, int index)
    {
        var target = order[index];
        if (target.ReplicaGroup is null)
        {
            return -1;
        }

        for (var j = index + 1; j < order.Length; j++)
        {
            if (!resilience.IsOpen(order[j]))
            {
                return string.Equals(order[j].ReplicaKey, target.ReplicaKey, StringComparison.Ordinal) ? j : -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Waits up to <paramref name="delay"/> for the first attempt, counted from when it went to its provider (a wait for
    /// the target's concurrency slot is the kernel's own queue, not a stall: counting it would hedge nearly every call
    /// under load and double the requests when the providers are busiest); when it has not completed by then and the
    /// replica is still available (its circuit may have opened meanwhile), starts the same call on the replica.
    /// </summary>
    private async ValueTask<Running<TState, TResult>?> HedgeAfterAsync<TState, TResult>(CallRun<TState, TResult> run, Running<TState, TResult> first, RouteTarget replica, bool replicaNext, TimeSpan delay)
    {
        var admitted = first.Attempt.Admitted;
        if (!admitted.IsCompleted && await Task.WhenAny(first.Outcome.AsTask(), admitted).ConfigureAwait(false) != admitted)
        {
            return null; // ended (failed to get a slot, cancelled) before it was sent
        }

        using (var wait = new CancellationTokenSource())
        {
            var delayTask = Task.Delay(delay, time, wait.Token);
            if (await Task.WhenAny(first.Outcome.AsTask(), delayTask).ConfigureAwait(false) != delayTask)
            {
                await wait.CancelAsync().ConfigureAwait(false);
                return null;
            }
        }

        if (first.Outcome.IsCompleted || resilience.IsOpen(replica) || run.CallerToken.IsCancellationRequested)
        {
            return null; // answered as the delay ended, or nothing left to hedge to
        }

        LogHedged(logger, run.Route.Name, first.Attempt.Target.Key, replica.Key, delay.TotalMilliseconds);
        run.Activity?.SetTag(KernelActivities.Hedged, true);
        first.Attempt.Hedged = true;
        var second = Launch(run, replica, replicaNext, isHedge: true, own: true);
        second.Attempt.Hedged = true;
        return second;
    }

    /// <summary>
    /// Starts one target attempt and returns it running; with <paramref name="own"/> on a cancellation source of its own
    /// (linked to the caller's token) and as a task that can be awaited with another attempt's.
    /// </summary>
    private Running<TState, TResult> Launch<TState, TResult>(CallRun<TState, TResult> run, RouteTarget target, bool replicaNext, bool isHedge, bool own)
    {
        var routeAttempt = new RouteAttempt(run.Route, target, ++run.Number, run.Call, registry, pipelines, accountant) { IsHedge = isHedge };
        var source = own ? CancellationTokenSource.CreateLinkedTokenSource(run.CallerToken) : null;
        if (own)
        {
            routeAttempt.TrackAdmission(); // a first attempt that may be hedged: the delay counts from its admission
        }

        var running = new Running<TState, TResult>(run, routeAttempt, source, time.GetTimestamp(), replicaNext);
        var outcome = AttemptAsync(run, running, run.Last);
        running.Outcome = own ? new ValueTask<AttemptOutcome<TResult>>(outcome.AsTask()) : outcome;
        return running;
    }

    /// <summary>
    /// One target attempt: its span (with its own usage scope, so two concurrent attempts never mix their tokens), the
    /// target's resilience pipeline around the attempt delegate, and its duration metric. Never throws: the outcome
    /// carries the failure for the call loop to decide on.
    /// </summary>
    private async ValueTask<AttemptOutcome<TResult>> AttemptAsync<TState, TResult>(CallRun<TState, TResult> run, Running<TState, TResult> running, Exception? previous)
    {
        var target = running.Attempt.Target;
        using var attemptActivity = run.Activity is null ? null : StartAttempt(run.Route, target, running.Attempt.Number, previous, running.Attempt.IsHedge);
        using var usage = attemptActivity is null ? null : CallUsageScope.Begin();
        try
        {
            var result = await RunAsync(run.Route, running).ConfigureAwait(false);
            RecordDuration(run.Route, target, running.Started, "success");
            EndAttempt(attemptActivity, running.Attempt, usage);
            return new AttemptOutcome<TResult>(result, null);
        }
#pragma warning disable CA1031 // The outcome carries every failure to the call loop, which rethrows what it does not handle.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var cancelledByHedge = ex is OperationCanceledException && running.Source is { IsCancellationRequested: true } && !run.CallerToken.IsCancellationRequested;
            RecordDuration(run.Route, target, running.Started, cancelledByHedge ? "cancelled" : "failure");
            EndAttempt(attemptActivity, running.Attempt, usage);
            if (cancelledByHedge)
            {
                attemptActivity?.SetTag(KernelActivities.Outcome, "cancelled");
            }
            else
            {
                KernelActivities.SetFailure(attemptActivity, FailureDescription.ReasonOf(ex)?.ToString() ?? ex.GetType().Name);
            }

            return new AttemptOutcome<TResult>(default, ExceptionDispatchInfo.Capture(ex));
        }
    }

    private TResult Succeeded<TState, TResult>(CallRun<TState, TResult> run, Running<TState, TResult> done, TResult result)
    {
        var target = done.Attempt.Target;
        if (run.Failures is { Count: > 0 })
        {
            metrics.Failovers.Add(1, new TagList { { KernelActivities.Route, run.Route.Name }, { KernelActivities.Target, target.Key } });
        }

        if (done.Attempt.IsHedge)
        {
            metrics.Hedges.Add(1, new TagList { { KernelActivities.Route, run.Route.Name }, { KernelActivities.Target, target.Key }, { KernelActivities.HedgeOutcome, "won" } });
        }

        done.Source?.Dispose();
        run.Activity?.SetTag(KernelActivities.Target, target.Key);
        run.Activity?.SetTag(KernelActivities.Attempts, run.Number);
        if (CallUsageScope.Current is { } usage && run.Activity is not null)
        {
            KernelActivities.SetUsage(run.Activity, usage.Total);
        }

        return result;
    }

    /// <summary>
    /// Cancels the attempt that lost (or that a permanent failure made pointless) and lets it finish in the background:
    /// the caller does not wait for a provider that is slow to notice. Whatever it was charged before the cancellation
    /// arrived went through its own target's pipeline (ledger, budgets, token limits) like any provider answer.
    /// </summary>
    private void Cancel<TState, TResult>(CallRun<TState, TResult> run, Running<TState, TResult> loser, Running<TState, TResult>? won)
    {
        if (loser.Attempt.IsHedge)
        {
            metrics.Hedges.Add(1, new TagList { { KernelActivities.Route, run.Route.Name }, { KernelActivities.Target, loser.Attempt.Target.Key }, { KernelActivities.HedgeOutcome, won is null ? "stopped" : "lost" } });
        }

        LogHedgeCancelled(logger, run.Route.Name, loser.Attempt.Target.Key, won?.Attempt.Target.Key ?? "none (permanent failure)");
        loser.Source!.Cancel();
        _ = loser.Outcome.AsTask().ContinueWith(static (_, s) => ((CancellationTokenSource)s!).Dispose(), loser.Source, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// A refusal by the kernel itself before the provider request was sent (<see cref="BudgetExceededException"/>,
    /// <see cref="SharedStateUnavailableException"/>): for a hedge, it refuses the extra request only.
    /// </summary>
    private static bool RefusedBeforeSent(Exception ex) => ex is BudgetExceededException or SharedStateUnavailableException;

    /// <summary>A hedge the kernel refused to send: not a failure of its target (no circuit, no keep-out, no failure record), counted as a failed hedge.</summary>
    private void Dropped<TState, TResult>(CallRun<TState, TResult> run, Running<TState, TResult> hedge, Exception ex)
    {
        hedge.Source?.Dispose();
        metrics.Hedges.Add(1, new TagList { { KernelActivities.Route, run.Route.Name }, { KernelActivities.Target, hedge.Attempt.Target.Key }, { KernelActivities.HedgeOutcome, "failed" } });
        LogHedgeRefused(logger, run.Route.Name, hedge.Attempt.Target.Key, FailureDescription.Describe(ex));
    }

    private void FailedOver<TState, TResult>(CallRun<TState, TResult> run, Running<TState, TResult> done, Exception ex)
    {
        var target = done.Attempt.Target;
        done.Source?.Dispose();
        var description = FailureDescription.Describe(ex);
        var reason = FailureDescription.ReasonOf(ex);

        // A target over the kernel's own limit (UseLimitsAndBudgets) was skipped, not failed by its provider.
        var errorType = ex is TargetLimitExceededException ? "Skipped" : reason?.ToString() ?? ex.GetType().Name;
        metrics.Failures.Add(1, new TagList { { KernelActivities.Route, run.Route.Name }, { KernelActivities.Target, target.Key }, { KernelActivities.ErrorType, errorType } });
        if (done.Attempt.IsHedge)
        {
            metrics.Hedges.Add(1, new TagList { { KernelActivities.Route, run.Route.Name }, { KernelActivities.Target, target.Key }, { KernelActivities.HedgeOutcome, "failed" } });
        }

        // Before a replica the route waits for nothing: a Retry-After keeps this target out for that long instead.
        var keptOut = resilience.KeepOutAfter(target, ex, done.ReplicaNext ? TimeSpan.Zero : run.Route.Options.MaxRetryWait);
        LogFailedOver(logger, run.Route.Name, target.Key, description, Elapsed(done.Started).TotalMilliseconds, done.Attempt.Calls);
        (run.Failures ??= []).Add(new RouteAttemptFailure(target.Key, description, reason, keptOut ?? FailureDescription.RetryAfterOf(ex)));
        run.Last = ex;
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

    private Activity? StartAttempt(RouteRuntime route, RouteTarget target, int number, Exception? previous, bool isHedge)
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
        if (isHedge)
        {
            activity.SetTag(KernelActivities.Hedged, true);
        }

        if (previous is not null)
        {
            activity.SetTag(KernelActivities.FailoverReason, FailureDescription.ReasonOf(previous)?.ToString() ?? previous.GetType().Name);
        }

        return activity;
    }

    private static void EndAttempt(Activity? activity, RouteAttempt attempt, CallUsageScope? usage)
    {
        if (activity is null || usage is null)
        {
            return;
        }

        activity.SetTag(KernelActivities.Calls, attempt.Calls);
        KernelActivities.SetUsage(activity, usage.Total);
    }

    private async ValueTask<TResult> RunAsync<TState, TResult>(RouteRuntime route, Running<TState, TResult> running)
    {
        var routeAttempt = running.Attempt;
        var target = routeAttempt.Target;
        var cancellationToken = running.Token;

        // The target's concurrency limit (ConcurrencyLimits): a slot for the whole attempt, taken before the retry,
        // timeout and circuit so that waiting for it is neither a time-out nor a failure of the target. A result that
        // keeps the provider busy after the attempt (a stream) takes the slot over (RouteAttempt.TakeSlot).
        routeAttempt.HoldSlot(concurrency is null ? null : await concurrency.AcquireAsync(target.Instance, target.Key, cancellationToken).ConfigureAwait(false));
        routeAttempt.MarkAdmitted();
        try
        {
            var pipeline = running.ReplicaNext ? resilience.PipelineBeforeReplica(target, route.Options) : resilience.PipelineFor(target, route.Options);
            running.Circuit = resilience.Circuit(target).Pipeline;
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            try
            {
                return await pipeline.ExecuteAsync(
                    static (ctx, r) => r.Circuit!.ExecuteAsync(static (ctx2, r2) => r2.InvokeAsync(ctx2.CancellationToken), ctx, r),
                    context,
                    running).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
        finally
        {
            routeAttempt.ReleaseSlot();
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

    [LoggerMessage(4, LogLevel.Information, "Route {Route}: target {Target} has not answered after the hedging delay ({DelayMs:0} ms); the same call also goes to its replica {Replica}.")]
    private static partial void LogHedged(ILogger logger, string route, string target, string replica, double delayMs);

    [LoggerMessage(5, LogLevel.Information, "Route {Route}: the attempt on {Target} was cancelled (answered by: {Winner}).")]
    private static partial void LogHedgeCancelled(ILogger logger, string route, string target, string winner);

    [LoggerMessage(6, LogLevel.Information, "Route {Route}: the hedge to {Target} was refused by the kernel ({Failure}); the first attempt keeps running.")]
    private static partial void LogHedgeRefused(ILogger logger, string route, string target, string failure);

    /// <summary>What one route call carries across its target attempts.</summary>
    private sealed class CallRun<TState, TResult>(
        RouteRuntime route,
        AiCallContext call,
        TState state,
        Func<RouteAttempt, TState, CancellationToken, ValueTask<TResult>> attempt,
        Activity? activity,
        CancellationToken callerToken)
    {
        public List<RouteAttemptFailure>? Failures;

        public RouteRuntime Route { get; } = route;

        public AiCallContext Call { get; } = call;

        public TState State { get; } = state;

        public Func<RouteAttempt, TState, CancellationToken, ValueTask<TResult>> Attempt { get; } = attempt;

        public Activity? Activity { get; } = activity;

        public CancellationToken CallerToken { get; } = callerToken;

        /// <summary>Target attempts started so far (hedges included).</summary>
        public int Number { get; set; }

        /// <summary>The last failure that moved the call on.</summary>
        public Exception? Last { get; set; }
    }

    /// <summary>
    /// One target attempt in flight: its own cancellation source, so a hedge's loser is cancelled alone; and the state the
    /// target's resilience pipeline runs it with (<see cref="InvokeAsync"/>), one object per attempt.
    /// </summary>
    private sealed class Running<TState, TResult>(CallRun<TState, TResult> run, RouteAttempt attempt, CancellationTokenSource? source, long started, bool replicaNext)
    {
        public RouteAttempt Attempt { get; } = attempt;

        /// <summary>The attempt's own cancellation source when the call may hedge; null: the caller's token.</summary>
        public CancellationTokenSource? Source { get; } = source;

        /// <summary>The token the attempt runs under: its own source's when it has one, else the caller's.</summary>
        public CancellationToken Token => Source?.Token ?? run.CallerToken;

        public long Started { get; } = started;

        /// <summary>An available replica of this target came after it in the call's order when it started.</summary>
        public bool ReplicaNext { get; } = replicaNext;

        /// <summary>The attempt's outcome; backed by a task (awaitable more than once) when <see cref="Source"/> is set.</summary>
        public ValueTask<AttemptOutcome<TResult>> Outcome { get; set; }

        /// <summary>The target's circuit breaker, innermost around <see cref="InvokeAsync"/> (set when the attempt runs).</summary>
        public ResiliencePipeline? Circuit { get; set; }

        /// <summary>One provider try of the attempt; turns a timed-out try into a ProviderException with reason Timeout.</summary>
        public async ValueTask<TResult> InvokeAsync(CancellationToken token)
        {
            Attempt.Calls++;
            try
            {
                return await run.Attempt(Attempt, run.State, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!Token.IsCancellationRequested && token.IsCancellationRequested)
            {
                throw new ProviderException(AiFailureReason.Timeout, Attempt.Target.Instance,
                    $"model '{Attempt.Target.Model}' did not answer within the route's timeout ({Attempt.Route.Options.Timeout}); moving to the next target.", innerException: ex);
            }
        }
    }

    /// <summary>An attempt's result, or its failure captured to be rethrown with its stack.</summary>
    private readonly record struct AttemptOutcome<TResult>(TResult? Result, ExceptionDispatchInfo? Failure);
}
