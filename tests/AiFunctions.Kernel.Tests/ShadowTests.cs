using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// Shadow targets (AiFunctions:Routes:{route}:Shadow): the shadow never changes the primary's answer, latency, usage
/// or budgets; its failures are counted, never thrown; sampling is deterministic per call key.
/// </summary>
public sealed class ShadowTests
{
    private const string Primary = """{"verdict":"strong","score":82,"evidence":"Led a team of 5 engineers"}""";
    private const string Other = """{"verdict":"weak","score":35,"evidence":"Led a team"}""";
    private static readonly ScoreInput Input = new("Jane Doe", "Led a team of 5 engineers. Email jane@example.com");
    private static readonly TimeSpan Liveness = TimeSpan.FromSeconds(30);

    /// <summary>Route r (a/m1, b/m1) with shadow a/m2 at the given rate.</summary>
    private static Dictionary<string, string?> ShadowRoute(double rate = 1, params (string Key, string? Value)[] extra) =>
        KernelHarness.FailoverRoute([
            ("Routes:r:Shadow:Target:Provider", "a"), ("Routes:r:Shadow:Target:Model", "m2"),
            ("Routes:r:Shadow:SampleRate", rate.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. extra]);

    [Fact]
    public async Task The_shadow_answer_never_reaches_the_caller_and_the_pair_records_both_sides_without_text()
    {
        using var k = KernelHarness.Create(ShadowRoute());
        k.Plugin.Client("a", "m1").Reply(Primary, input: 10, output: 5);
        var shadow = k.Plugin.Client("a", "m2").Reply(Other, input: 100, output: 50);

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);
        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);

        Assert.Equal(82, result.Output.Score);
        Assert.Equal("a", result.Provenance.ProviderInstance);
        Assert.Equal("m1", result.Provenance.Model);
        Assert.Equal(1, shadow.Calls);
        var pair = Assert.Single(await k.Get<IShadowPairStore>().ListAsync("r"));
        Assert.Equal(("a/m1", ShadowOutcome.Valid, 82.0), (pair.Primary.Target, pair.Primary.Outcome, pair.Primary.Scores["score"]));
        Assert.Equal(("a/m2", ShadowOutcome.Valid, 35.0, 150L), (pair.Shadow.Target, pair.Shadow.Outcome, pair.Shadow.Scores["score"], pair.Shadow.InputTokens + pair.Shadow.OutputTokens));
        Assert.Equal(("test.score", "2026-11-27.1", "default"), (pair.Function, pair.FunctionVersion, pair.Tenant));
        Assert.Equal(new ScoreFunction().CallKey(Input), pair.CallKey);
        var stored = System.Text.Json.JsonSerializer.Serialize(pair);
        Assert.DoesNotContain("Jane", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Led a team", stored, StringComparison.Ordinal);
        Assert.Equal(new ShadowStatistics("r", "a/m2", 1, 0, 0, 0, 1, 0, 0, 0), k.Get<IShadowMonitor>().Statistics("r"));
    }

    [Fact]
    public async Task A_hanging_shadow_never_delays_the_primary_and_a_full_queue_drops_and_counts_instead_of_waiting()
    {
        var hang = new HangingChatClient();
        var plugin = new FakePlugin();
        plugin.Custom["a/m2"] = hang;
        using var k = KernelHarness.Create(ShadowRoute(1, ("Routes:r:Shadow:MaxConcurrency", "1"), ("Routes:r:Shadow:QueueCapacity", "1")), plugin);
        plugin.Client("a", "m1").Reply(Primary);
        var invoker = k.Get<IAiFunctionInvoker>();

        // The first shadow hangs on the only worker (it never answers and the fake clock never reaches its timeout).
        var first = await invoker.InvokeAsync(new ScoreFunction(), Input).WaitAsync(Liveness);
        await hang.Called.Task.WaitAsync(Liveness);
        // The second waits in the queue (capacity 1); the third finds it full and is dropped, without waiting.
        var second = await invoker.InvokeAsync(new ScoreFunction(), Input).WaitAsync(Liveness);
        var third = await invoker.InvokeAsync(new ScoreFunction(), Input).WaitAsync(Liveness);

        Assert.All(new[] { first, second, third }, r => Assert.Equal(82, r.Output.Score));
        var stats = k.Get<IShadowMonitor>().Statistics("r");
        Assert.Equal((3L, 1L, 0L, 0L), (stats.Sampled, stats.Dropped, stats.Valid, stats.Failed));
        Assert.Equal(1, hang.Calls);
    }

    [Fact]
    public async Task A_slow_shadow_is_abandoned_at_its_timeout_and_counted_as_a_failed_Timeout()
    {
        var hang = new HangingChatClient();
        var plugin = new FakePlugin();
        plugin.Custom["a/m2"] = hang;
        using var k = KernelHarness.Create(ShadowRoute(1, ("Routes:r:Shadow:Timeout", "00:00:05")), plugin);
        plugin.Client("a", "m1").Reply(Primary);

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input).WaitAsync(Liveness);
        await hang.Called.Task.WaitAsync(Liveness);
        k.Time.Advance(TimeSpan.FromSeconds(6));
        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);

        Assert.Equal(82, result.Output.Score);
        var pair = Assert.Single(await k.Get<IShadowPairStore>().ListAsync("r"));
        Assert.Equal((ShadowOutcome.Failed, "Timeout"), (pair.Shadow.Outcome, pair.Shadow.FailureReason));
        Assert.Equal(1, k.Get<IShadowMonitor>().Statistics("r").Failed);
    }

    [Fact]
    public async Task Shadow_tokens_and_cost_never_reach_the_primary_ledger_budget_or_call_usage()
    {
        // The route's budget allows 20 tokens; each primary call uses 15 and each shadow call 150.
        using var k = KernelHarness.Create(ShadowRoute(1,
            ("Budgets:r-budget:Route", "r"), ("Budgets:r-budget:Period", "Total"), ("Budgets:r-budget:MaxTokens", "20"),
            ("Pricing:m2:InputPerMillion", "1000"), ("Pricing:m1:InputPerMillion", "1")));
        k.Plugin.Client("a", "m1").Reply(Primary, input: 10, output: 5);
        k.Plugin.Client("a", "m2").Reply(Other, input: 100, output: 50);
        var invoker = k.Get<IAiFunctionInvoker>();

        var first = await invoker.InvokeAsync(new ScoreFunction(), Input);
        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);

        Assert.Equal(15, first.Usage.TotalTokens);
        Assert.Equal(15, k.Get<IUsageLedger>().Total.TotalTokens);
        Assert.Equal(0.00001m, k.Get<IUsageLedger>().Total.Cost);
        Assert.Equal(150, k.Get<IShadowMonitor>().Ledger.Total.TotalTokens);
        Assert.Equal(0.1m, k.Get<IShadowMonitor>().Ledger.Total.Cost);
        // 15 < 20: the route's budget still lets the next call through (with the shadow's 150 booked it would refuse it).
        var second = await invoker.InvokeAsync(new ScoreFunction(), Input);
        Assert.Equal(82, second.Output.Score);
        // And the third is refused by the route's own spending only (30 >= 20).
        await Assert.ThrowsAsync<BudgetExceededException>(() => invoker.InvokeAsync(new ScoreFunction(), Input));
    }

    [Fact]
    public async Task The_shadow_budget_is_its_own_and_skips_sampled_calls_once_spent()
    {
        using var k = KernelHarness.Create(ShadowRoute(1, ("Routes:r:Shadow:Budget:MaxTokens", "100"), ("Routes:r:Shadow:Budget:Period", "Total")));
        k.Plugin.Client("a", "m1").Reply(Primary);
        var shadow = k.Plugin.Client("a", "m2").Reply(Other, input: 100, output: 50);
        var invoker = k.Get<IAiFunctionInvoker>();

        await invoker.InvokeAsync(new ScoreFunction(), Input);
        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);
        var second = await invoker.InvokeAsync(new ScoreFunction(), Input);
        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);

        Assert.Equal(82, second.Output.Score);
        Assert.Equal(1, shadow.Calls);
        var stats = k.Get<IShadowMonitor>().Statistics("r");
        Assert.Equal((2L, 1L, 1L), (stats.Sampled, stats.Valid, stats.SkippedBudget));
        Assert.Single(await k.Get<IShadowPairStore>().ListAsync("r"));
    }

    [Fact]
    public async Task A_run_time_route_change_that_adds_alters_or_removes_the_shadow_takes_effect_on_the_next_call_without_a_restart()
    {
        // Start without a shadow; the route change API (IRouteOverrides) adds one, moves it to another target, then removes it.
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("a", "m1").Reply(Primary);
        var m2 = k.Plugin.Client("a", "m2").Reply(Other);
        var b = k.Plugin.Client("b", "m1").Reply(Other);
        var invoker = k.Get<IAiFunctionInvoker>();
        var overrides = k.Get<IRouteOverrides>();
        var monitor = k.Get<IShadowMonitor>();

        await invoker.InvokeAsync(new ScoreFunction(), Input);
        await monitor.WhenIdleAsync().WaitAsync(Liveness);
        Assert.Equal(0, m2.Calls);

        var withShadow = overrides.Current("r");
        withShadow.Shadow = new RouteShadowOptions { Target = new RouteTargetOptions { Provider = "a", Model = "m2" }, SampleRate = 1 };
        overrides.Apply("r", withShadow);
        var first = await invoker.InvokeAsync(new ScoreFunction(), Input);
        await monitor.WhenIdleAsync().WaitAsync(Liveness);
        Assert.Equal((82, 1), (first.Output.Score, m2.Calls));

        var moved = overrides.Current("r");
        moved.Targets.RemoveAt(1); // b/m1 leaves the route to become its shadow
        moved.Shadow!.Target = new RouteTargetOptions { Provider = "b", Model = "m1" };
        overrides.Apply("r", moved);
        await invoker.InvokeAsync(new ScoreFunction(), Input);
        await monitor.WhenIdleAsync().WaitAsync(Liveness);
        Assert.Equal((1, 1), (m2.Calls, b.Calls));
        Assert.Equal(["a/m2", "b/m1"], (await k.Get<IShadowPairStore>().ListAsync("r")).Select(p => p.Shadow.Target).Order());
        Assert.Equal((2L, "b/m1"), (monitor.Statistics("r").Sampled, monitor.Statistics("r").Target)); // counters carry over

        var removed = overrides.Current("r");
        removed.Shadow = null;
        overrides.Apply("r", removed);
        await invoker.InvokeAsync(new ScoreFunction(), Input);
        await monitor.WhenIdleAsync().WaitAsync(Liveness);
        Assert.Equal((1, 1, 2L), (m2.Calls, b.Calls, monitor.Statistics("r").Sampled));
    }

    [Fact]
    public async Task A_run_time_route_change_never_resets_what_the_shadow_budget_has_spent()
    {
        using var k = KernelHarness.Create(ShadowRoute(1, ("Routes:r:Shadow:Budget:MaxTokens", "100"), ("Routes:r:Shadow:Budget:Period", "Total")));
        k.Plugin.Client("a", "m1").Reply(Primary);
        k.Plugin.Client("b", "m1").Reply(Primary);
        var shadow = k.Plugin.Client("a", "m2").Reply(Other, input: 100, output: 50);
        var invoker = k.Get<IAiFunctionInvoker>();
        await invoker.InvokeAsync(new ScoreFunction(), Input);
        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);

        // The switch (a new primary order) and a new shadow sample rate: the shadow's budget is the same, and spent.
        var overrides = k.Get<IRouteOverrides>();
        var changed = overrides.Current("r");
        changed.Targets.Reverse();
        changed.Shadow!.SampleRate = 0.99999;
        overrides.Apply("r", changed);
        var afterChange = await invoker.InvokeAsync(new ScoreFunction(), Input);
        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);

        Assert.Equal(("b", 82), (afterChange.Provenance.ProviderInstance, afterChange.Output.Score));
        Assert.Equal(1, shadow.Calls);
        Assert.Equal(1L, k.Get<IShadowMonitor>().Statistics("r").SkippedBudget);
    }

    [Fact]
    public async Task Shadows_never_take_the_half_of_a_targets_request_window_that_another_routes_primary_traffic_needs()
    {
        // r's shadow runs on b/m1, which is r2's only target; b/m1 may take 4 requests a minute. Shadows may use spare
        // capacity only: once half the window is gone they are skipped (and counted), so r2's own calls still get through.
        using var k = KernelHarness.Create(KernelHarness.TwoInstances(
            ("Routes:r:Targets:0:Provider", "a"), ("Routes:r:Targets:0:Model", "m1"), ("Routes:r:Redact", "false"), ("Routes:r:MaxRetries", "0"),
            ("Routes:r:Shadow:Target:Provider", "b"), ("Routes:r:Shadow:Target:Model", "m1"), ("Routes:r:Shadow:SampleRate", "1"),
            ("Routes:r2:Targets:0:Provider", "b"), ("Routes:r2:Targets:0:Model", "m1"), ("Routes:r2:MaxRetries", "0"),
            ("RateLimits:Targets:b/m1:RequestsPerMinute", "4")));
        k.Plugin.Client("a", "m1").Reply(Primary);
        k.Plugin.Client("b", "m1").Reply(Other);
        var invoker = k.Get<IAiFunctionInvoker>();

        for (var i = 0; i < 4; i++)
        {
            await invoker.InvokeAsync(new ScoreFunction(), Input);
            await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);
        }

        Assert.Equal(Other, (await k.Route("r2").GetResponseAsync("1")).Text);
        Assert.Equal(Other, (await k.Route("r2").GetResponseAsync("2")).Text);
        var stats = k.Get<IShadowMonitor>().Statistics("r");
        Assert.Equal((4L, 2L, 2L), (stats.Sampled, stats.Valid, stats.SkippedRateLimit));
    }

    [Fact]
    public async Task A_shadows_tokens_are_charged_to_its_targets_token_window_never_to_the_tenants()
    {
        // The shadow target a/m2 may use 200 tokens a minute; each shadow answer uses 150. Shadows use spare capacity
        // only (more than half left), so after one shadow's 150 tokens the next is skipped; the tenant's own token
        // window (100 a minute) is not charged with the shadow's 150, so the primary calls still go through.
        using var k = KernelHarness.Create(ShadowRoute(1,
            ("RateLimits:Targets:a/m2:TokensPerMinute", "200"), ("RateLimits:Tenants:*:TokensPerMinute", "100")));
        k.Plugin.Client("a", "m1").Reply(Primary, input: 10, output: 5);
        var shadow = k.Plugin.Client("a", "m2").Reply(Other, input: 100, output: 50);
        var invoker = k.Get<IAiFunctionInvoker>();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(82, (await invoker.InvokeAsync(new ScoreFunction(), Input)).Output.Score);
            await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);
        }

        Assert.Equal(1, shadow.Calls);
        var stats = k.Get<IShadowMonitor>().Statistics("r");
        Assert.Equal((3L, 1L, 2L), (stats.Sampled, stats.Valid, stats.SkippedRateLimit));
    }

    [Fact]
    public async Task Shadow_failures_and_invalid_answers_are_counted_and_recorded_never_thrown()
    {
        using var k = KernelHarness.Create(ShadowRoute(1, ("Routes:r:MaxRepairAttempts", "1")));
        k.Plugin.Client("a", "m1").Reply(Primary);
        var shadow = k.Plugin.Client("a", "m2")
            .Throw(new ProviderException(AiFailureReason.Unavailable, "a", "HTTP 503", 503))
            .Reply("""{"verdict":"x","score":900,"evidence":"invented"}""");
        var invoker = k.Get<IAiFunctionInvoker>();

        var first = await invoker.InvokeAsync(new ScoreFunction(), Input);
        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);
        var second = await invoker.InvokeAsync(new ScoreFunction(), Input);
        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);

        Assert.Equal((82, 82), (first.Output.Score, second.Output.Score));
        var pairs = await k.Get<IShadowPairStore>().ListAsync("r");
        Assert.Equal([(ShadowOutcome.Failed, "Unavailable"), (ShadowOutcome.Invalid, "StructuredOutputInvalid")],
            pairs.Select(p => (p.Shadow.Outcome, p.Shadow.FailureReason)).ToArray());
        Assert.Equal(3, shadow.Calls); // one failed call, then an answer and its one repair
        var stats = k.Get<IShadowMonitor>().Statistics("r");
        Assert.Equal((1L, 1L, 0L), (stats.Failed, stats.Invalid, stats.Valid));
    }

    [Fact]
    public async Task The_shadow_goes_through_the_same_redaction_as_the_route()
    {
        using var k = KernelHarness.Create(ShadowRoute(1, ("Routes:r:Redact", "true")));
        k.Plugin.Client("a", "m1").Reply(Primary);
        var shadow = k.Plugin.Client("a", "m2").Reply(Other);

        await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);
        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);

        var sent = string.Join("\n", shadow.Requests.Single().Messages.Select(m => m.Text));
        Assert.DoesNotContain("jane@example.com", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Doe", sent, StringComparison.Ordinal);
        Assert.Contains("[EMAIL_1]", sent, StringComparison.Ordinal);
        Assert.IsType<ChatResponseFormatJson>(shadow.Requests.Single().Options!.ResponseFormat);
    }

    [Fact]
    public async Task Sampling_is_deterministic_per_call_key_so_the_same_input_is_shadowed_on_every_run_or_never()
    {
        using var k = KernelHarness.Create(ShadowRoute(0.5));
        k.Plugin.Client("a", "m1").Step((messages, _) => FakeChatClient.Response(
            $$"""{"verdict":"ok","score":50,"evidence":"{{(messages[^1].Text ?? string.Empty).Split('\n')[^1]}}"}"""));
        k.Plugin.Client("a", "m2").Reply(Other);
        var invoker = k.Get<IAiFunctionInvoker>();
        var function = new ScoreFunction();
        var inputs = Enumerable.Range(0, 40).Select(i => new ScoreInput("N", $"resume number {i}")).ToArray();

        foreach (var input in inputs.Concat(inputs))
        {
            await invoker.InvokeAsync(function, input);
        }

        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);
        var pairs = await k.Get<IShadowPairStore>().ListAsync("r");
        var expected = inputs.Where(i => ShadowSampler.IsSampled("r", function.Name, function.CallKey(i), 0.5)).Select(function.CallKey).ToHashSet();
        Assert.InRange(expected.Count, 10, 30); // a share near the rate, not all or none
        Assert.All(pairs.GroupBy(p => p.CallKey), g => Assert.Equal(2, g.Count())); // both runs of a key, or neither
        Assert.Equal(expected, pairs.Select(p => p.CallKey).ToHashSet());
    }

    [Fact]
    public void The_sampler_converges_on_the_rate_over_many_keys()
    {
        var sampled = Enumerable.Range(0, 10_000).Count(i => ShadowSampler.IsSampled("screening", "hr.screen-resume", $"key-{i}", 0.1));

        Assert.InRange(sampled, 900, 1100);
        Assert.False(ShadowSampler.IsSampled("r", "f", "k", 0));
        Assert.True(ShadowSampler.IsSampled("r", "f", "k", 1));
    }

    [Fact]
    public async Task A_per_function_rate_replaces_the_route_rate()
    {
        using var k = KernelHarness.Create(ShadowRoute(1, ("Routes:r:Shadow:Functions:test.score:SampleRate", "0")));
        k.Plugin.Client("a", "m1").Reply(Primary);
        var shadow = k.Plugin.Client("a", "m2").Reply(Other);

        await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);
        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);

        Assert.Equal(0, shadow.Calls);
        Assert.Equal(0, k.Get<IShadowMonitor>().Statistics("r").Sampled);
    }

    [Fact]
    public async Task Route_chat_calls_are_not_shadowed_only_AI_functions_are()
    {
        using var k = KernelHarness.Create(ShadowRoute());
        k.Plugin.Client("a", "m1").Reply("hello");
        var shadow = k.Plugin.Client("a", "m2");

        await k.Route("r").GetResponseAsync("hi");
        await k.Get<IShadowMonitor>().WhenIdleAsync().WaitAsync(Liveness);

        Assert.Equal(0, shadow.Calls);
    }

    [Fact]
    public async Task An_evaluation_on_a_candidate_target_books_to_the_shadow_ledger_and_returns_failures_as_outcomes()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("b", "m1").Reply(Other, input: 7, output: 3);
        var evaluator = k.Get<IAiFunctionEvaluator>();

        var ok = await evaluator.EvaluateAsync(new ScoreFunction(), Input, new() { Provider = "b", Model = "m1" });
        k.Plugin.Client("a", "m2").Throw(new ProviderException(AiFailureReason.Unauthorized, "a", "401", 401));
        var failed = await evaluator.EvaluateAsync(new ScoreFunction(), Input, new() { Provider = "A", Model = "M2" });

        Assert.Equal((35, ShadowOutcome.Valid, "b/m1"), (ok.Output!.Score, ok.Side.Outcome, ok.Side.Target));
        Assert.Equal((ShadowOutcome.Failed, "Unauthorized", "a/m2"), (failed.Side.Outcome, failed.Side.FailureReason, failed.Side.Target));
        Assert.Equal(10, k.Get<IShadowMonitor>().Ledger.Total.TotalTokens);
        Assert.Equal(0, k.Get<IUsageLedger>().Total.TotalTokens);
        Assert.Throws<ArgumentException>(() => evaluator.EvaluateAsync(new ScoreFunction(), Input, new() { Provider = "nope", Model = "m1" }).GetAwaiter().GetResult());
    }

    [Theory]
    [InlineData("Routes:r:Shadow:SampleRate", "1.5", "AiFunctions:Routes:r:Shadow:SampleRate")]
    [InlineData("Routes:r:Shadow:Target:Provider", "nope", "AiFunctions:Routes:r:Shadow:Target:Provider")]
    [InlineData("Routes:r:Shadow:Target:Model", "m9", "AiFunctions:Routes:r:Shadow:Target:Model")]
    [InlineData("Routes:r:Shadow:Target:Model", "m1", "AiFunctions:Routes:r:Shadow:Target")]
    [InlineData("Routes:r:Shadow:Functions:test.score:SampleRate", "-0.1", "AiFunctions:Routes:r:Shadow:Functions:test.score:SampleRate")]
    [InlineData("Routes:r:Shadow:Budget:MaxCost", "-1", "AiFunctions:Routes:r:Shadow:Budget:MaxCost")]
    [InlineData("Routes:r:Shadow:MaxConcurrency", "0", "AiFunctions:Routes:r:Shadow:MaxConcurrency")]
    [InlineData("Routes:r:Shadow:QueueCapacity", "0", "AiFunctions:Routes:r:Shadow:QueueCapacity")]
    [InlineData("Routes:r:Shadow:Timeout", "00:00:00", "AiFunctions:Routes:r:Shadow:Timeout")]
    public void A_bad_shadow_setting_fails_start_up_naming_it(string key, string value, string named)
    {
        var settings = ShadowRoute(1, (key, value));

        var ex = Assert.Throws<AiKernelConfigurationException>(() => KernelHarness.Create(settings));

        Assert.Contains(ex.Problems, p => p.Contains($"'{named}", StringComparison.Ordinal));
    }

    /// <summary>A model that never answers (until cancelled) and says when it was called.</summary>
    private sealed class HangingChatClient : IChatClient
    {
        private int _calls;

        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls => Volatile.Read(ref _calls);

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            Called.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
