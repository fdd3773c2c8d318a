using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// <c>AiFunctions:Routes:{route}:HedgingDelay</c> (issue 8 item 4): a call whose attempt has not answered after the delay
/// is also sent to the next target when that is an available replica (same replica group and model); the first answer
/// wins, the other attempt is cancelled; never to a target outside the group, never for streams, at most once per call.
/// The fake clock drives the delay, so "not hedged yet" is exact.
/// </summary>
public sealed class HedgingTests
{
    private const string Answer = """{"verdict":"strong","score":82,"evidence":"Led a team of 5 engineers"}""";

    private static readonly ScoreInput Input = new("Jane Doe", "Led a team of 5 engineers.");

    /// <summary>a and b replicas of group "m1-eu", c outside it; route r: a, b, c; hedging after 200 ms, Timeout 3 s.</summary>
    private static Dictionary<string, string?> Replicas(params (string Key, string? Value)[] extra) =>
        KernelHarness.FailoverRoute([
            ("Providers:a:ReplicaGroup", "m1-eu"),
            ("Providers:b:ReplicaGroup", "m1-eu"),
            ("Providers:c:Plugin", "fake"), ("Providers:c:Models:0", "m1"),
            ("Routes:r:Targets:2:Provider", "c"), ("Routes:r:Targets:2:Model", "m1"),
            ("Routes:r:Timeout", "00:00:03"),
            ("Routes:r:HedgingDelay", "00:00:00.2"),
            .. extra]);

    /// <summary>Lets the attempts started so far reach their provider (they run on the thread pool after an await).</summary>
    private static async Task SettleAsync(Func<bool> until)
    {
        for (var i = 0; i < 200 && !until(); i++)
        {
            await Task.Delay(5);
        }

        await Task.Delay(20);
    }

    [Fact]
    public async Task A_stalled_first_replica_is_answered_by_the_second_after_the_delay_and_the_stalled_call_is_cancelled()
    {
        using var k = KernelHarness.Create(Replicas());
        var a = k.Plugin.Client("a", "m1").Stall();
        var b = k.Plugin.Client("b", "m1").Reply(Answer, input: 30, output: 7);
        var metrics = k.Get<KernelMetrics>();
        using var hedges = new MetricCollector<long>(metrics.Hedges);

        var call = k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);
        await SettleAsync(() => a.Calls == 1);
        Assert.False(call.IsCompleted);
        Assert.Equal(0, b.Calls); // not before the delay

        k.Time.Advance(TimeSpan.FromMilliseconds(200));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(("b", "m1-eu", true), (result.Provenance.ProviderInstance, result.Provenance.ReplicaGroup, result.Provenance.Hedged));
        Assert.Equal(2, result.Provenance.Attempts); // the cancelled request counts as a provider call
        await SettleAsync(() => a.Cancelled == 1);
        Assert.Equal((1, 1, 1, 0), (a.Calls, a.Cancelled, b.Calls, k.Plugin.Client("c", "m1").Calls));

        // Accounting: the answer's usage is the call's and the ledger's; the cancelled request brought no usage back.
        Assert.Equal((30, 7), (result.Usage.InputTokens, result.Usage.OutputTokens));
        var byTarget = k.Get<IUsageLedger>().TotalsBy(UsageDimension.Target);
        Assert.Equal(30, byTarget["b/m1"].InputTokens);
        Assert.False(byTarget.ContainsKey("a/m1"));
        var hedge = Assert.Single(hedges.GetMeasurementSnapshot());
        Assert.Equal(("b/m1", "won"), ((string?)hedge.Tags["aifunctions.route.target"], (string?)hedge.Tags["aifunctions.hedge.outcome"]));
    }

    [Fact]
    public async Task A_hedged_route_call_answers_from_the_replica_long_before_the_routes_timeout()
    {
        using var k = KernelHarness.Create(Replicas());
        var a = k.Plugin.Client("a", "m1").Stall();
        k.Plugin.Client("b", "m1").Reply("from b");

        var call = k.Route("r").GetResponseAsync("hi");
        await SettleAsync(() => a.Calls == 1);
        k.Time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal("from b", (await call.WaitAsync(TimeSpan.FromSeconds(5))).Text);
        await SettleAsync(() => a.Cancelled == 1);
        Assert.Equal(1, a.Cancelled);
    }

    [Fact]
    public async Task The_first_replica_answering_after_the_hedge_started_wins_and_the_hedge_is_cancelled()
    {
        using var k = KernelHarness.Create(Replicas());
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = k.Plugin.Client("a", "m1").Gate(gate);
        var b = k.Plugin.Client("b", "m1").Stall();
        using var hedges = new MetricCollector<long>(k.Get<KernelMetrics>().Hedges);

        var call = k.Route("r").GetResponseAsync("hi");
        await SettleAsync(() => a.Calls == 1);
        k.Time.Advance(TimeSpan.FromMilliseconds(200));
        await SettleAsync(() => b.Calls == 1);
        gate.SetResult(FakeChatClient.Response("from a"));

        Assert.Equal("from a", (await call.WaitAsync(TimeSpan.FromSeconds(5))).Text);
        await SettleAsync(() => b.Cancelled == 1);
        Assert.Equal((1, 1), (b.Calls, b.Cancelled));
        Assert.Equal("lost", Assert.Single(hedges.GetMeasurementSnapshot()).Tags["aifunctions.hedge.outcome"]);
    }

    [Fact]
    public async Task No_hedge_when_the_first_replica_answers_within_the_delay()
    {
        using var k = KernelHarness.Create(Replicas());
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = k.Plugin.Client("a", "m1").Gate(gate);
        var b = k.Plugin.Client("b", "m1").Reply("from b");

        var call = k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);
        await SettleAsync(() => a.Calls == 1);
        k.Time.Advance(TimeSpan.FromMilliseconds(150));
        gate.SetResult(FakeChatClient.Response(Answer));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(5));
        k.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(20);

        Assert.Equal(("a", false, 1), (result.Provenance.ProviderInstance, result.Provenance.Hedged, result.Provenance.Attempts));
        Assert.Equal(0, b.Calls);
    }

    [Fact]
    public async Task No_hedge_to_a_target_outside_the_replica_group_the_stall_costs_the_timeout_as_before()
    {
        // b is not in a's group: the hedging delay passes without a second request; the attempt times out, then b answers.
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(
            ("Providers:a:ReplicaGroup", "m1-eu"), ("Routes:r:Timeout", "00:00:03"), ("Routes:r:HedgingDelay", "00:00:00.2")));
        var a = k.Plugin.Client("a", "m1").Stall();
        var b = k.Plugin.Client("b", "m1").Reply("from b");

        var call = k.Route("r").GetResponseAsync("hi");
        await SettleAsync(() => a.Calls == 1);
        k.Time.Advance(TimeSpan.FromMilliseconds(200));
        await Task.Delay(50);
        Assert.Equal(0, b.Calls);

        Assert.Equal("from b", (await k.AdvanceUntilDoneAsync(call)).Text);
        Assert.Equal(1, b.Calls);
    }

    [Fact]
    public async Task Hedging_is_off_by_default()
    {
        using var k = KernelHarness.Create(Replicas(("Routes:r:HedgingDelay", null)));
        var a = k.Plugin.Client("a", "m1").Stall();
        var b = k.Plugin.Client("b", "m1").Reply("from b");

        var call = k.Route("r").GetResponseAsync("hi");
        await SettleAsync(() => a.Calls == 1);
        k.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);

        Assert.Equal(0, b.Calls);
        Assert.Equal("from b", (await k.AdvanceUntilDoneAsync(call)).Text); // the 3 s Timeout, then the replica
    }

    [Fact]
    public async Task Streams_are_not_hedged()
    {
        using var k = KernelHarness.Create(Replicas());
        var a = k.Plugin.Client("a", "m1").Stall();
        var b = k.Plugin.Client("b", "m1");

        var stream = k.Route("r").GetStreamingResponseAsync("hi").ToListAsync().AsTask();
        await SettleAsync(() => a.Calls == 1);
        k.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.Equal(0, b.Calls);

        var updates = await k.AdvanceUntilDoneAsync(stream);
        Assert.Equal("Hello world", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(1, b.Calls);
    }

    [Fact]
    public async Task A_permanent_failure_of_the_first_replica_before_the_delay_stops_the_call_as_before()
    {
        using var k = KernelHarness.Create(Replicas());
        k.Plugin.Client("a", "m1").Throw(new ProviderException(AiFailureReason.BadRequest, "a", "HTTP 400", 400));
        var b = k.Plugin.Client("b", "m1").Reply("from b");

        var ex = await Assert.ThrowsAsync<ProviderException>(() => k.Route("r").GetResponseAsync("hi").WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal(AiFailureReason.BadRequest, ex.Reason);
        Assert.Equal(0, b.Calls);
    }

    [Fact]
    public async Task A_permanent_failure_of_the_first_replica_after_the_hedge_started_stops_the_call_and_cancels_the_hedge()
    {
        using var k = KernelHarness.Create(Replicas());
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = k.Plugin.Client("a", "m1").Gate(gate);
        var b = k.Plugin.Client("b", "m1").Stall();

        var call = k.Route("r").GetResponseAsync("hi");
        await SettleAsync(() => a.Calls == 1);
        k.Time.Advance(TimeSpan.FromMilliseconds(200));
        await SettleAsync(() => b.Calls == 1);
        gate.SetException(new ProviderException(AiFailureReason.ContentFiltered, "a", "content filter", 400));

        var ex = await Assert.ThrowsAsync<ProviderException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(AiFailureReason.ContentFiltered, ex.Reason);
        await SettleAsync(() => b.Cancelled == 1);
        Assert.Equal((1, 0), (b.Cancelled, k.Plugin.Client("c", "m1").Calls));
    }

    [Fact]
    public async Task A_transient_failure_of_the_first_replica_after_the_hedge_started_waits_for_the_hedge()
    {
        using var k = KernelHarness.Create(Replicas());
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = k.Plugin.Client("a", "m1").Gate(gate);
        var b = k.Plugin.Client("b", "m1").Gate(answer);

        var call = k.Route("r").GetResponseAsync("hi");
        await SettleAsync(() => a.Calls == 1);
        k.Time.Advance(TimeSpan.FromMilliseconds(200));
        await SettleAsync(() => b.Calls == 1);
        gate.SetException(new ProviderException(AiFailureReason.Unavailable, "a", "HTTP 503", 503));
        await Task.Delay(50);
        Assert.False(call.IsCompleted);
        answer.SetResult(FakeChatClient.Response("from b"));

        Assert.Equal("from b", (await call.WaitAsync(TimeSpan.FromSeconds(5))).Text);
        Assert.Equal((1, 1, 0), (a.Calls, b.Calls, k.Plugin.Client("c", "m1").Calls)); // b is not asked again
    }

    [Fact]
    public async Task When_both_replicas_fail_the_call_moves_on_past_the_group_and_tries_each_replica_once()
    {
        using var k = KernelHarness.Create(Replicas());
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = k.Plugin.Client("a", "m1").Gate(gate);
        var b = k.Plugin.Client("b", "m1").Throw(new ProviderException(AiFailureReason.Unavailable, "b", "HTTP 503", 503));
        var c = k.Plugin.Client("c", "m1").Reply("from c");
        using var hedges = new MetricCollector<long>(k.Get<KernelMetrics>().Hedges);

        var call = k.Route("r").GetResponseAsync("hi");
        await SettleAsync(() => a.Calls == 1);
        k.Time.Advance(TimeSpan.FromMilliseconds(200));
        await SettleAsync(() => b.Calls == 1);
        gate.SetException(new ProviderException(AiFailureReason.Unavailable, "a", "HTTP 503", 503));

        Assert.Equal("from c", (await call.WaitAsync(TimeSpan.FromSeconds(5))).Text);
        Assert.Equal((1, 1, 1), (a.Calls, b.Calls, c.Calls));
        Assert.Equal("failed", Assert.Single(hedges.GetMeasurementSnapshot()).Tags["aifunctions.hedge.outcome"]);
    }

    [Fact]
    public async Task The_hedge_goes_through_the_replicas_own_limits_a_replica_over_its_limit_is_not_asked()
    {
        // b may take one request a minute: the first call spends it (a fails over to b), so the second call's hedge is
        // refused by b's own limit in b's pipeline (skipped, never sent) and the first replica's late answer is taken.
        using var k = KernelHarness.Create(Replicas(("RateLimits:Targets:b:RequestsPerMinute", "1")));
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = k.Plugin.Client("a", "m1").Throw(new ProviderException(AiFailureReason.Unavailable, "a", "HTTP 503", 503)).Gate(gate);
        var b = k.Plugin.Client("b", "m1").Reply("from b");
        Assert.Equal("from b", (await k.Route("r").GetResponseAsync("one").WaitAsync(TimeSpan.FromSeconds(5))).Text);

        var call = k.Route("r").GetResponseAsync("two");
        await SettleAsync(() => a.Calls == 2);
        k.Time.Advance(TimeSpan.FromMilliseconds(200));
        await Task.Delay(50);
        gate.SetResult(FakeChatClient.Response("from a"));

        Assert.Equal("from a", (await call.WaitAsync(TimeSpan.FromSeconds(5))).Text);
        Assert.Equal(1, b.Calls);
    }

    [Fact]
    public async Task A_hedge_refused_by_the_spent_budget_is_dropped_and_the_first_attempt_still_answers()
    {
        // The first attempt was admitted while the budget had room; another call spends it while the first stalls. The
        // hedge is refused by the budget before it is sent: that refuses the extra request, not the call, which would
        // have been answered without hedging (the first attempt keeps running and its answer is taken).
        using var k = KernelHarness.Create(Replicas(
            ("Budgets:daily:Tenant", "*"), ("Budgets:daily:Route", "r"), ("Budgets:daily:Period", "Daily"), ("Budgets:daily:MaxTokens", "20")));
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = k.Plugin.Client("a", "m1").Gate(gate).Reply("spends the budget", input: 30, output: 5);
        var b = k.Plugin.Client("b", "m1").Reply("from b");
        using var hedges = new MetricCollector<long>(k.Get<KernelMetrics>().Hedges);

        var call = k.Route("r").GetResponseAsync("first");
        await SettleAsync(() => a.Calls == 1);
        Assert.Equal("spends the budget", (await k.Route("r").GetResponseAsync("other").WaitAsync(TimeSpan.FromSeconds(5))).Text);
        k.Time.Advance(TimeSpan.FromMilliseconds(200));
        await Task.Delay(50);
        Assert.False(call.IsCompleted);
        gate.SetResult(FakeChatClient.Response("from a"));

        Assert.Equal("from a", (await call.WaitAsync(TimeSpan.FromSeconds(5))).Text);
        Assert.Equal((0, 0), (b.Calls, a.Cancelled));
        Assert.Equal("failed", Assert.Single(hedges.GetMeasurementSnapshot()).Tags["aifunctions.hedge.outcome"]);
    }

    [Fact]
    public async Task Hedged_refused_failed_and_cancelled_calls_give_every_concurrency_slot_back_and_open_no_circuit()
    {
        // One slot on each replica: a slot kept by any of these endings would make the last calls wait forever.
        using var k = KernelHarness.Create(Replicas(
            ("ConcurrencyLimits:Targets:a:MaxConcurrentCalls", "1"), ("ConcurrencyLimits:Targets:b:MaxConcurrentCalls", "1"),
            ("Resilience:CircuitBreaker:MinimumThroughput", "2"), ("Resilience:CircuitBreaker:FailureRatio", "0.5")));
        var mode = "stall";
        var a = k.Plugin.Client("a", "m1").AsyncStep(async (_, _, token) =>
        {
            switch (Volatile.Read(ref mode))
            {
                case "bad":
                    throw new ProviderException(AiFailureReason.BadRequest, "a", "HTTP 400", 400);
                case "reply":
                    return FakeChatClient.Response("from a");
                default:
                    await Task.Delay(Timeout.InfiniteTimeSpan, token);
                    throw new InvalidOperationException("unreachable");
            }
        });
        var b = k.Plugin.Client("b", "m1").AsyncStep(async (_, _, token) =>
        {
            if (Volatile.Read(ref mode) == "both-stall")
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }

            return FakeChatClient.Response("from b");
        });

        for (var i = 0; i < 5; i++)
        {
            // The hedge wins and the stalled first attempt is cancelled.
            Volatile.Write(ref mode, "stall");
            var started = a.Calls;
            var call = k.Route("r").GetResponseAsync("hedged");
            await SettleAsync(() => a.Calls == started + 1);
            k.Time.Advance(TimeSpan.FromMilliseconds(200));
            Assert.Equal("from b", (await call.WaitAsync(TimeSpan.FromSeconds(5))).Text);

            // Both attempts stalled, then the caller cancels.
            Volatile.Write(ref mode, "both-stall");
            using var cts = new CancellationTokenSource();
            started = a.Calls;
            var startedB = b.Calls;
            var cancelled = k.Route("r").GetResponseAsync("cancelled", cancellationToken: cts.Token);
            await SettleAsync(() => a.Calls == started + 1);
            k.Time.Advance(TimeSpan.FromMilliseconds(200));
            await SettleAsync(() => b.Calls == startedB + 1);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(5)));

            // A permanent failure.
            Volatile.Write(ref mode, "bad");
            await Assert.ThrowsAsync<ProviderException>(() => k.Route("r").GetResponseAsync("bad").WaitAsync(TimeSpan.FromSeconds(5)));
        }

        await SettleAsync(() => a.Cancelled == 10 && b.Cancelled == 5);
        Volatile.Write(ref mode, "reply");
        Assert.Equal("from a", (await k.Route("r").GetResponseAsync("a is free").WaitAsync(TimeSpan.FromSeconds(5))).Text);
        var health = k.Get<Resilience.ITargetHealth>();
        Assert.All(health.Targets, t => Assert.Equal(Resilience.TargetCircuitState.Closed, t.State));
        Assert.Equal(0, k.Get<RateLimiting.TargetConcurrency>().Queued("b", "b/m1"));
    }

    [Fact]
    public async Task A_call_waiting_for_its_targets_concurrency_slot_is_not_hedged_the_delay_counts_from_when_it_is_sent()
    {
        // Under load every call waits in the kernel's own queue; counting that wait as a stall would hedge nearly every
        // call and double the requests exactly when the providers are saturated (hedging must stay the ~5 % tail).
        using var k = KernelHarness.Create(Replicas(
            ("ConcurrencyLimits:Targets:a:MaxConcurrentCalls", "1"),
            ("Routes:q:Targets:0:Provider", "a"), ("Routes:q:Targets:0:Model", "m1"), ("Routes:q:Redact", "false")));
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = k.Plugin.Client("a", "m1").Gate(gate).Reply("from a");
        var b = k.Plugin.Client("b", "m1").Reply("from b");
        var busy = k.Route("q").GetResponseAsync("holds a's only slot");
        await SettleAsync(() => a.Calls == 1);

        var call = k.Route("r").GetResponseAsync("waits for a's slot");
        await SettleAsync(() => k.Get<RateLimiting.TargetConcurrency>().Queued("a", "a/m1") == 1);
        k.Time.Advance(TimeSpan.FromMilliseconds(200));
        await Task.Delay(50);
        Assert.Equal(0, b.Calls);

        gate.SetResult(FakeChatClient.Response("busy done"));
        await busy.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("from a", (await call.WaitAsync(TimeSpan.FromSeconds(5))).Text);
        Assert.Equal(0, b.Calls);
    }

    [Fact]
    public async Task The_callers_cancellation_cancels_both_attempts()
    {
        using var k = KernelHarness.Create(Replicas());
        var a = k.Plugin.Client("a", "m1").Stall();
        var b = k.Plugin.Client("b", "m1").Stall();
        using var cts = new CancellationTokenSource();

        var call = k.Route("r").GetResponseAsync("hi", cancellationToken: cts.Token);
        await SettleAsync(() => a.Calls == 1);
        k.Time.Advance(TimeSpan.FromMilliseconds(200));
        await SettleAsync(() => b.Calls == 1);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        await SettleAsync(() => a.Cancelled + b.Cancelled == 2);
        Assert.Equal((1, 1, 0), (a.Cancelled, b.Cancelled, k.Plugin.Client("c", "m1").Calls));
    }

    [Fact]
    public async Task An_open_replica_is_not_hedged_to()
    {
        // b kept out by its Retry-After (first call): the second call's stall is not hedged, it costs the Timeout, then c.
        using var k = KernelHarness.Create(Replicas());
        var a = k.Plugin.Client("a", "m1").Throw(new ProviderException(AiFailureReason.Unavailable, "a", "HTTP 503", 503)).Stall();
        var b = k.Plugin.Client("b", "m1").Throw(new ProviderException(AiFailureReason.RateLimited, "b", "HTTP 429", 429, TimeSpan.FromMinutes(2)));
        var c = k.Plugin.Client("c", "m1").Reply("from c");
        Assert.Equal("from c", (await k.Route("r").GetResponseAsync("one").WaitAsync(TimeSpan.FromSeconds(5))).Text);

        var call = k.Route("r").GetResponseAsync("two");
        await SettleAsync(() => a.Calls == 2);
        k.Time.Advance(TimeSpan.FromMilliseconds(200));
        await Task.Delay(50);

        Assert.Equal(1, b.Calls);
        Assert.Equal("from c", (await k.AdvanceUntilDoneAsync(call)).Text);
    }

    [Theory]
    [InlineData("00:00:03")]
    [InlineData("00:00:05")]
    [InlineData("00:00:00.005")]
    [InlineData("-00:00:01")]
    public void A_hedging_delay_that_cannot_hedge_fails_start_up_naming_the_setting_and_the_fix(string delay)
    {
        var ex = Assert.Throws<AiKernelConfigurationException>(() =>
            new ServiceCollection().AddAiKernel(KernelHarness.Config(Replicas(("Routes:r:HedgingDelay", delay))), k => k.AddPlugin(new FakePlugin())));

        var problem = Assert.Single(ex.Problems, p => p.Contains("'AiFunctions:Routes:r:HedgingDelay'", StringComparison.Ordinal));
        Assert.Contains("shorter than the route's Timeout (00:00:03)", problem, StringComparison.Ordinal);
        Assert.Contains("remove it to turn hedging off", problem, StringComparison.Ordinal);
    }
}
