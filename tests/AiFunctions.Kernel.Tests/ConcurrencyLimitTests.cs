using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// <c>AiFunctions:ConcurrencyLimits</c>: at most MaxConcurrentCalls calls run on a target at once, the rest wait oldest
/// first (and end when their caller cancels), a full queue skips the target, and bad limits fail start-up naming them.
/// </summary>
public sealed class ConcurrencyLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Never_more_than_MaxConcurrentCalls_run_on_a_target_and_the_others_wait_for_a_slot_instead_of_failing_over()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("ConcurrencyLimits:Targets:a:MaxConcurrentCalls", "2")));
        var blocked = new Blocking(k.Plugin.Client("a", "m1"));
        var concurrency = k.Get<TargetConcurrency>();

        var calls = Enumerable.Range(0, 7).Select(i => Task.Run(() => k.Route("r").GetResponseAsync($"call {i}"))).ToArray();
        await blocked.UntilInFlightAsync(2);
        await WaitUntilAsync(() => concurrency.Queued("a", "a/m1") == 5);
        await Task.Delay(100); // nothing else starts while both slots are taken
        Assert.Equal(2, blocked.InFlight);
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);

        blocked.Release();
        await Task.WhenAll(calls).WaitAsync(Patience);

        Assert.Equal(2, blocked.Peak);
        Assert.Equal(7, k.Plugin.Client("a", "m1").Calls);
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);
        Assert.Equal(0, concurrency.Queued("a", "a/m1"));
    }

    [Fact]
    public async Task A_call_waiting_for_a_slot_ends_when_its_caller_cancels_and_frees_its_place()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("ConcurrencyLimits:Targets:a/m1:MaxConcurrentCalls", "1")));
        var blocked = new Blocking(k.Plugin.Client("a", "m1"));
        var concurrency = k.Get<TargetConcurrency>();
        var first = Task.Run(() => k.Route("r").GetResponseAsync("first"));
        await blocked.UntilInFlightAsync(1);

        using var cancel = new CancellationTokenSource();
        var waiting = Task.Run(() => k.Route("r").GetResponseAsync("second", cancellationToken: cancel.Token));
        await WaitUntilAsync(() => concurrency.Queued("a", "a/m1") == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        Assert.Equal(0, concurrency.Queued("a", "a/m1"));
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);

        blocked.Release();
        await first.WaitAsync(Patience);
        await k.Route("r").GetResponseAsync("third").WaitAsync(Patience);
        Assert.Equal(2, k.Plugin.Client("a", "m1").Calls);
    }

    [Fact]
    public async Task A_full_queue_skips_the_target_to_the_next_one_without_counting_a_failure()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(
            ("ConcurrencyLimits:Targets:a:MaxConcurrentCalls", "1"), ("ConcurrencyLimits:Targets:a:MaxQueuedCalls", "0")));
        var blocked = new Blocking(k.Plugin.Client("a", "m1"));
        var first = Task.Run(() => k.Route("r").GetResponseAsync("first"));
        await blocked.UntilInFlightAsync(1);

        await k.Route("r").GetResponseAsync("second").WaitAsync(Patience);

        Assert.Equal(1, k.Plugin.Client("b", "m1").Calls);
        Assert.Equal(Resilience.TargetCircuitState.Closed, k.Get<Resilience.ITargetHealth>().Targets.Single(t => t.Target == "a/m1").State);
        blocked.Release();
        await first.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_stream_holds_its_targets_slot_until_it_ends_not_only_until_its_first_content()
    {
        // The provider serves a stream until its last chunk: with one slot, a second call waits while the first stream
        // is still being read, and goes ahead once it ends.
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("ConcurrencyLimits:Targets:a:MaxConcurrentCalls", "1")));
        var a = k.Plugin.Client("a", "m1");
        var concurrency = k.Get<TargetConcurrency>();

        var stream = k.Route("r").GetStreamingResponseAsync("stream").GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(Patience));
        Assert.Equal("Hello", stream.Current.Text);

        var second = Task.Run(() => k.Route("r").GetResponseAsync("second"));
        await WaitUntilAsync(() => concurrency.Queued("a", "a/m1") == 1 || second.IsCompleted);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, a.Calls);

        while (await stream.MoveNextAsync())
        {
        }

        await stream.DisposeAsync();
        await second.WaitAsync(Patience);
        Assert.Equal((2, 0), (a.Calls, k.Plugin.Client("b", "m1").Calls));
    }

    [Fact]
    public async Task A_stream_abandoned_after_its_first_content_gives_its_slot_back()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("ConcurrencyLimits:Targets:a:MaxConcurrentCalls", "1")));
        var stream = k.Route("r").GetStreamingResponseAsync("stream").GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(Patience));
        await stream.DisposeAsync();

        Assert.Equal("ok", (await k.Route("r").GetResponseAsync("next").WaitAsync(Patience)).Text);
        Assert.Equal(2, k.Plugin.Client("a", "m1").Calls);
    }

    [Fact]
    public async Task A_replay_or_shadow_on_a_busy_target_is_skipped_instead_of_exceeding_its_limit()
    {
        // Shadows and replays (IAiFunctionEvaluator) share the provider: with the one slot taken by a route call, an
        // evaluation on that target is skipped (nothing sent), and runs once the slot is free.
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("ConcurrencyLimits:Targets:a:MaxConcurrentCalls", "1")));
        var blocked = new Blocking(k.Plugin.Client("a", "m1"));
        var evaluator = k.Get<Shadowing.IAiFunctionEvaluator>();
        var input = new ScoreInput("Jane Doe", "Led a team of 5 engineers.");
        var first = Task.Run(() => k.Route("r").GetResponseAsync("first"));
        await blocked.UntilInFlightAsync(1);

        var busy = await evaluator.EvaluateAsync(new ScoreFunction(), input, new() { Provider = "a", Model = "m1" }).WaitAsync(Patience);

        Assert.Equal((Shadowing.ShadowOutcome.Skipped, "RateLimited"), (busy.Side.Outcome, busy.Side.FailureReason));
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
        blocked.Release();
        await first.WaitAsync(Patience);
        var free = await evaluator.EvaluateAsync(new ScoreFunction(), input, new() { Provider = "a", Model = "m1" }).WaitAsync(Patience);
        Assert.NotEqual(Shadowing.ShadowOutcome.Skipped, free.Side.Outcome);
        Assert.Equal((1 + free.Side.Calls, 1), (k.Plugin.Client("a", "m1").Calls, blocked.Peak)); // the evaluation's calls (a repair included) ran after the route call
    }

    [Fact]
    public async Task A_target_without_a_limit_is_not_limited()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("ConcurrencyLimits:Targets:b:MaxConcurrentCalls", "1")));
        var blocked = new Blocking(k.Plugin.Client("a", "m1"));

        var calls = Enumerable.Range(0, 4).Select(i => Task.Run(() => k.Route("r").GetResponseAsync($"call {i}"))).ToArray();
        await blocked.UntilInFlightAsync(4);
        blocked.Release();
        await Task.WhenAll(calls).WaitAsync(Patience);

        Assert.Equal(4, blocked.Peak);
    }

    [Theory]
    [InlineData("ConcurrencyLimits:Targets:a:MaxConcurrentCalls", "0")]
    [InlineData("ConcurrencyLimits:Targets:a/m1:MaxConcurrentCalls", "10001")]
    [InlineData("ConcurrencyLimits:Targets:a:MaxQueuedCalls", "-1")]
    public void A_bad_limit_fails_start_up_naming_the_setting(string key, string value)
    {
        var ex = Assert.Throws<AiFunctions.Kernel.Errors.AiKernelConfigurationException>(() =>
            KernelHarness.Create(KernelHarness.FailoverRoute((key, value))));

        Assert.Contains(ex.Problems, p => p.Contains($"'AiFunctions:{key}'", StringComparison.Ordinal) && p.Contains(value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_limit_on_a_model_whose_id_has_a_slash_is_accepted_and_applied()
    {
        // OpenAI-compatible servers name models "org/model" (vLLM, OpenRouter, Together): the target key is then
        // "instance/org/model", and a limit on it must be taken, not refused at start-up as "not a target key".
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(
            ("Providers:a:Models:2", "meta-llama/m1"),
            ("Routes:q:Targets:0:Provider", "a"), ("Routes:q:Targets:0:Model", "meta-llama/m1"), ("Routes:q:Redact", "false"),
            ("ConcurrencyLimits:Targets:a/meta-llama/m1:MaxConcurrentCalls", "1")));
        var blocked = new Blocking(k.Plugin.Client("a", "meta-llama/m1"));

        var calls = Enumerable.Range(0, 3).Select(i => Task.Run(() => k.Route("q").GetResponseAsync($"call {i}"))).ToArray();
        await blocked.UntilInFlightAsync(1);
        await WaitUntilAsync(() => k.Get<TargetConcurrency>().Queued("a", "a/meta-llama/m1") == 2);
        blocked.Release();
        await Task.WhenAll(calls).WaitAsync(Patience);

        Assert.Equal(1, blocked.Peak);
    }

    [Fact]
    public void A_limit_without_MaxConcurrentCalls_fails_start_up_naming_the_setting()
    {
        var ex = Assert.Throws<AiFunctions.Kernel.Errors.AiKernelConfigurationException>(() =>
            KernelHarness.Create(KernelHarness.FailoverRoute(("ConcurrencyLimits:Targets:a:MaxQueuedCalls", "10"))));

        Assert.Contains(ex.Problems, p => p.Contains("'AiFunctions:ConcurrencyLimits:Targets:a:MaxConcurrentCalls'", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>
    /// Makes a fake client's calls wait until released (asynchronously: a blocked pool thread per call would starve the
    /// tests that run beside these), counting the calls in progress and their peak.
    /// </summary>
    private sealed class Blocking
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _peak;

        public Blocking(FakeChatClient client) => client.AsyncStep(async (_, _, _) =>
        {
            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _peak, now);
            await Task.WhenAny(_gate.Task, Task.Delay(Patience)).ConfigureAwait(false);
            Interlocked.Decrement(ref _inFlight);
            return FakeChatClient.Response("ok");
        });

        public int InFlight => Volatile.Read(ref _inFlight);

        public int Peak => Volatile.Read(ref _peak);

        public Task UntilInFlightAsync(int count) => WaitUntilAsync(() => InFlight >= count);

        public void Release() => _gate.TrySetResult();

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
