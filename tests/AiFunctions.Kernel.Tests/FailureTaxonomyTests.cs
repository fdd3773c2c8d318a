using System.Diagnostics;
using System.Runtime.CompilerServices;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// The kernel's retry and failover decisions by <see cref="AiFailureReason"/>, on a two-target route (a misbehaving,
/// b healthy) over the fake clock: each test asserts how many calls the first target got, that the second was asked,
/// and that no Retry-After was slept through (the fake clock is never advanced unless the test says so).
/// </summary>
public sealed class FailureTaxonomyTests
{
    private static ProviderException Failure(AiFailureReason reason, int? status = null, TimeSpan? retryAfter = null) =>
        new(reason, "a", $"fake {reason}", status, retryAfter);

    private static KernelHarness TwoTargets(params (string Key, string? Value)[] extra) =>
        KernelHarness.Create(KernelHarness.FailoverRoute([("Routes:r:MaxRetries", "2"), ("Routes:r:RetryBaseDelay", "00:00:00.001"), .. extra]));

    [Theory]
    [InlineData(120)]
    [InlineData(30)]
    [InlineData(6)]
    public async Task A_Retry_After_longer_than_MaxRetryWait_fails_over_now_without_sleeping(int seconds)
    {
        using var k = TwoTargets(("Routes:r:MaxRetryWait", "00:00:05"));
        var a = k.Plugin.Client("a", "m1").Throw(Failure(AiFailureReason.RateLimited, 429, TimeSpan.FromSeconds(seconds)));
        var b = k.Plugin.Client("b", "m1").Reply("from b");

        // The fake clock never moves: a call that waited for the Retry-After would not complete.
        var response = await k.Route("r").GetResponseAsync("hi").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("from b", response.Text);
        Assert.Equal(1, a.Calls);
        Assert.Equal(1, b.Calls);
    }

    [Fact]
    public async Task A_target_whose_Retry_After_was_too_long_is_kept_out_for_that_long_then_tried_again()
    {
        using var k = TwoTargets(("Routes:r:MaxRetryWait", "00:00:05"));
        var a = k.Plugin.Client("a", "m1").Throw(Failure(AiFailureReason.RateLimited, 429, TimeSpan.FromSeconds(60))).Reply("from a");
        k.Plugin.Client("b", "m1").Reply("from b");

        await k.Route("r").GetResponseAsync("one");
        var kept = await k.Route("r").GetResponseAsync("two");
        Assert.Equal("from b", kept.Text);
        Assert.Equal(1, a.Calls);
        Assert.Equal(TargetCircuitState.Open, k.Get<ITargetHealth>().Get("a", "m1").State);

        k.Time.Advance(TimeSpan.FromSeconds(61));
        var back = await k.Route("r").GetResponseAsync("three");

        Assert.Equal("from a", back.Text);
        Assert.Equal(2, a.Calls);
    }

    [Fact]
    public async Task Quota_exhausted_fails_over_now_and_keeps_the_target_out_for_QuotaCooldown()
    {
        using var k = TwoTargets(("Resilience:QuotaCooldown", "00:10:00"));
        var a = k.Plugin.Client("a", "m1").Throw(Failure(AiFailureReason.QuotaExhausted, 429)).Reply("from a");
        var b = k.Plugin.Client("b", "m1").Reply("from b");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("from b", (await k.Route("r").GetResponseAsync($"call {i}").WaitAsync(TimeSpan.FromSeconds(5))).Text);
        }

        Assert.Equal(1, a.Calls); // not retried, then kept out
        Assert.Equal(3, b.Calls);
        var health = k.Get<ITargetHealth>().Get("a", "m1");
        Assert.Equal(TargetCircuitState.Open, health.State);
        Assert.Contains("QuotaExhausted", health.LastFailure, StringComparison.Ordinal);

        k.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.Equal("from a", (await k.Route("r").GetResponseAsync("after cooldown")).Text);
    }

    [Fact]
    public async Task Every_target_kept_out_gives_a_transient_RouteFailedException_with_the_shortest_wait()
    {
        using var k = TwoTargets(("Resilience:QuotaCooldown", "00:10:00"));
        k.Plugin.Client("a", "m1").Throw(Failure(AiFailureReason.QuotaExhausted, 429));
        k.Plugin.Client("b", "m1").Throw(new ProviderException(AiFailureReason.RateLimited, "b", "429", 429, TimeSpan.FromSeconds(90)));

        var first = await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("r").GetResponseAsync("hi"));
        var second = await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("r").GetResponseAsync("hi"));

        Assert.True(first.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(90), first.RetryAfter);
        Assert.Equal(AiFailureReason.CircuitOpen, second.Reason);
        Assert.True(second.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(90), second.RetryAfter);
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
        Assert.Equal(1, k.Plugin.Client("b", "m1").Calls);
    }

    [Theory]
    [InlineData(AiFailureReason.MalformedResponse)]
    [InlineData(AiFailureReason.Timeout)]
    [InlineData(AiFailureReason.Unauthorized)]
    [InlineData(AiFailureReason.NotSupported)]
    public async Task Failures_the_same_target_would_repeat_fail_over_at_once(AiFailureReason reason)
    {
        using var k = TwoTargets();
        var a = k.Plugin.Client("a", "m1").Throw(Failure(reason));
        k.Plugin.Client("b", "m1").Reply("from b");

        var response = await k.Route("r").GetResponseAsync("hi").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("from b", response.Text);
        Assert.Equal(1, a.Calls);
    }

    [Theory]
    [InlineData(AiFailureReason.BadRequest)]
    [InlineData(AiFailureReason.ContextLengthExceeded)]
    [InlineData(AiFailureReason.ContentFiltered)]
    public async Task Permanent_request_failures_are_neither_retried_nor_failed_over(AiFailureReason reason)
    {
        using var k = TwoTargets();
        var a = k.Plugin.Client("a", "m1").Throw(Failure(reason, 400));

        var error = await Assert.ThrowsAsync<ProviderException>(() => k.Route("r").GetResponseAsync("hi"));

        Assert.Equal(reason, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal(1, a.Calls);
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public async Task An_sdk_exception_the_plugin_did_not_translate_is_not_failed_over_as_if_it_were_a_provider_fault()
    {
        using var k = TwoTargets();
        k.Plugin.Client("a", "m1").Throw(new InvalidProgramException("a bug"));

        await Assert.ThrowsAsync<InvalidProgramException>(() => k.Route("r").GetResponseAsync("hi"));

        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public void The_failure_table_is_consistent()
    {
        foreach (var reason in Enum.GetValues<AiFailureReason>())
        {
            if (AiFailureReasons.RetriesSameTarget(reason))
            {
                Assert.True(AiFailureReasons.IsTransient(reason), $"{reason} is retried, so it must be transient.");
                Assert.True(AiFailureReasons.FailsOver(reason), $"{reason} is retried, so it must fail over after the retries.");
            }
        }

        Assert.False(AiFailureReasons.IsTransient(AiFailureReason.StructuredOutputInvalid));
        Assert.True(AiFailureReasons.FailsOver(AiFailureReason.StructuredOutputInvalid));
        Assert.True(AiFailureReasons.IsTransient(AiFailureReason.QuotaExhausted));
        Assert.False(AiFailureReasons.RetriesSameTarget(AiFailureReason.QuotaExhausted));
        Assert.False(AiFailureReasons.IsTransient(AiFailureReason.ContextLengthExceeded));
        Assert.False(AiFailureReasons.FailsOver(AiFailureReason.ContentFiltered));
    }

    [Fact]
    public async Task A_stream_failing_after_an_empty_start_update_still_fails_over()
    {
        var plugin = new FakePlugin();
        plugin.Custom["a/m1"] = new StartThenFail();
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(), plugin);
        k.Plugin.Client("b", "m1").StreamParts = ["from", " b"];

        var text = string.Empty;
        await foreach (var update in k.Route("r").GetStreamingResponseAsync("hi"))
        {
            text += update.Text;
        }

        Assert.Equal("from b", text);
        Assert.Equal(1, k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public async Task Cumulative_usage_on_every_stream_chunk_is_read_as_a_snapshot()
    {
        var plugin = new FakePlugin();
        plugin.Custom["a/m1"] = new CumulativeUsageStream();
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(), plugin);

        await foreach (var _ in k.Route("r").GetStreamingResponseAsync("hi"))
        {
        }

        var total = k.Get<IUsageLedger>().Total;
        Assert.Equal(20, total.InputTokens);
        Assert.Equal(4, total.OutputTokens); // not 1+2+3+4 = 10, and input not 4 × 20
    }

    [Fact]
    public async Task Route_and_attempt_spans_carry_route_target_attempt_failover_reason_and_tokens_but_no_content()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == KernelTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var k = TwoTargets();
        k.Plugin.Client("a", "m1").Throw(Failure(AiFailureReason.MalformedResponse));
        k.Plugin.Client("b", "m1").Reply("secret answer about jane@example.com", input: 12, output: 3);

        await k.Route("r").GetResponseAsync("secret prompt about jane@example.com");

        var route = Assert.Single(spans, s => s.OperationName == "route r");
        var attempts = spans.Where(s => s.OperationName.StartsWith("attempt ", StringComparison.Ordinal)).OrderBy(s => s.GetTagItem("aifunctions.attempt.number")).ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.Equal("a/m1", attempts[0].GetTagItem("aifunctions.route.target"));
        Assert.Equal("MalformedResponse", attempts[0].GetTagItem("error.type"));
        Assert.Equal("b/m1", attempts[1].GetTagItem("aifunctions.route.target"));
        Assert.Equal(2, attempts[1].GetTagItem("aifunctions.attempt.number"));
        Assert.Equal("MalformedResponse", attempts[1].GetTagItem("aifunctions.failover.reason"));
        Assert.Equal(12L, attempts[1].GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(3L, attempts[1].GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal("m1", attempts[1].GetTagItem("gen_ai.request.model"));
        Assert.Equal("fake", attempts[1].GetTagItem("gen_ai.provider.name"));
        Assert.All(attempts, a => Assert.Same(route, a.Parent));
        Assert.Equal("b/m1", route.GetTagItem("aifunctions.route.target"));
        Assert.Equal(12L, route.GetTagItem("gen_ai.usage.input_tokens"));
        foreach (var span in spans)
        {
            foreach (var tag in span.TagObjects)
            {
                Assert.DoesNotContain("jane@example.com", tag.Value?.ToString() ?? string.Empty, StringComparison.Ordinal);
                Assert.DoesNotContain("secret", tag.Value?.ToString() ?? string.Empty, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Sends an empty start update (like Anthropic's message_start) and then fails as overloaded.</summary>
    private sealed class StartThenFail : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate { Role = ChatRole.Assistant, Contents = [new TextContent(string.Empty), new UsageContent(new UsageDetails { InputTokenCount = 9 })] };
            throw new ProviderException(AiFailureReason.Unavailable, "a", "overloaded_error event");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>An OpenAI-compatible server that repeats cumulative usage on every chunk.</summary>
    private sealed class CumulativeUsageStream : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 1; i <= 4; i++)
            {
                await Task.Yield();
                yield return new ChatResponseUpdate
                {
                    Role = ChatRole.Assistant,
                    Contents = [new TextContent($"part{i} "), new UsageContent(new UsageDetails { InputTokenCount = 20, OutputTokenCount = i, TotalTokenCount = 20 + i })],
                    FinishReason = i == 4 ? ChatFinishReason.Stop : null,
                };
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
