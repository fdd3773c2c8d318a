using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests;

public sealed class ResilienceTests
{
    private static ProviderException Unavailable(string instance) => new(AiFailureReason.Unavailable, instance, "HTTP 503", 503);

    [Fact]
    public async Task Retry_waits_exactly_the_providers_Retry_After()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:MaxRetries", "2"), ("Routes:r:RetryBaseDelay", "00:00:00.001")));
        var a = k.Plugin.Client("a", "m1")
            .Throw(new ProviderException(AiFailureReason.RateLimited, "a", "HTTP 429", 429, TimeSpan.FromSeconds(5)))
            .Reply("after wait");

        var call = k.Route("r").GetResponseAsync("hi");
        Assert.Equal(1, a.Calls);

        k.Time.Advance(TimeSpan.FromSeconds(4.9));
        await Task.Delay(20);
        Assert.Equal(1, a.Calls);
        Assert.False(call.IsCompleted);

        k.Time.Advance(TimeSpan.FromSeconds(0.1));
        var response = await call.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("after wait", response.Text);
        Assert.Equal(2, a.Calls);
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public async Task Transient_failures_are_retried_up_to_MaxRetries_then_fail_over()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:MaxRetries", "2"), ("Routes:r:RetryBaseDelay", "00:00:00.001")));
        var a = k.Plugin.Client("a", "m1").Throw(Unavailable("a"));
        k.Plugin.Client("b", "m1").Reply("from b");

        var response = await k.AdvanceUntilDoneAsync(k.Route("r").GetResponseAsync("hi"));

        Assert.Equal("from b", response.Text);
        Assert.Equal(3, a.Calls);
    }

    [Theory]
    [InlineData(AiFailureReason.BadRequest, 400)]
    [InlineData(AiFailureReason.Unauthorized, 401)]
    [InlineData(AiFailureReason.Unauthorized, 403)]
    [InlineData(AiFailureReason.ContentFiltered, 400)]
    public async Task Client_errors_are_never_retried(AiFailureReason kind, int status)
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:MaxRetries", "3")));
        var a = k.Plugin.Client("a", "m1").Throw(new ProviderException(kind, "a", $"HTTP {status}", status));
        k.Plugin.Client("b", "m1").Reply("from b");

        try
        {
            await k.Route("r").GetResponseAsync("hi");
        }
        catch (ProviderException)
        {
            // BadRequest and ContentFiltered stop; Unauthorized fails over. Either way: one call on a.
        }

        Assert.Equal(1, a.Calls);
    }

    [Fact]
    public async Task Timeout_counts_as_a_transient_failure_and_fails_over()
    {
        var hanging = new HangingChatClient();
        var plugin = new FakePlugin();
        plugin.Custom["a/m1"] = hanging;
        using var route = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:Timeout", "00:00:02")), plugin);
        route.Plugin.Client("b", "m1").Reply("from b");

        var call = route.Route("r").GetResponseAsync("hi");
        await hanging.Started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        route.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("from b", (await call.WaitAsync(TimeSpan.FromSeconds(5))).Text);
        var failure = Assert.Single(route.Logs.GetSnapshot(), r => r.Message.Contains("a/m1", StringComparison.Ordinal));
        Assert.Contains("Timeout", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Circuit_opens_after_failures_skips_the_target_and_closes_after_a_successful_probe()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(
            ("Resilience:CircuitBreaker:MinimumThroughput", "2"),
            ("Resilience:CircuitBreaker:BreakDuration", "00:00:30")));
        var a = k.Plugin.Client("a", "m1").Throw(Unavailable("a")).Throw(Unavailable("a")).Reply("a is back");
        k.Plugin.Client("b", "m1").Reply("from b");
        var health = k.Get<ITargetHealth>();
        var opened = new List<CircuitOpenedEventArgs>();
        var closed = new List<TargetHealthInfo>();
        health.CircuitOpened += (_, e) => opened.Add(e);
        health.CircuitClosed += (_, e) => closed.Add(e);
        var client = k.Route("r");

        await client.GetResponseAsync("1");
        Assert.Equal(TargetCircuitState.Closed, health.Get("a", "m1").State);
        await client.GetResponseAsync("2");

        Assert.Equal(TargetCircuitState.Open, health.Get("a", "m1").State);
        var e = Assert.Single(opened);
        Assert.Equal("a/m1", e.Target);
        Assert.Equal(TimeSpan.FromSeconds(30), e.BreakDuration);
        Assert.Contains("503", e.Reason, StringComparison.Ordinal);
        Assert.Contains(health.Targets, t => t.Target == "a/m1" && t.State == TargetCircuitState.Open);
        Assert.Contains(health.Targets, t => t.Target == "b/m1" && t.State == TargetCircuitState.Closed);

        await client.GetResponseAsync("3");
        Assert.Equal(2, a.Calls); // skipped while open

        k.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(TargetCircuitState.HalfOpen, health.Get("a", "m1").State);
        var probe = await client.GetResponseAsync("4");

        Assert.Equal("a is back", probe.Text);
        Assert.Equal(TargetCircuitState.Closed, health.Get("a", "m1").State);
        Assert.Single(closed);
    }

    [Fact]
    public async Task Open_circuits_on_every_target_give_RouteFailedException_without_calls()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Resilience:CircuitBreaker:MinimumThroughput", "2")));
        k.Plugin.Client("a", "m1").Throw(Unavailable("a"));
        k.Plugin.Client("b", "m1").Throw(Unavailable("b"));
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("r").GetResponseAsync("x"));
        }

        var ex = await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("r").GetResponseAsync("x"));

        Assert.All(ex.Attempts, a => Assert.Equal("circuit open", a.Reason));
        Assert.Equal(2, k.Plugin.Client("a", "m1").Calls);
    }

    [Fact]
    public async Task A_stream_that_sends_nothing_within_the_timeout_fails_over()
    {
        var hanging = new HangingChatClient();
        var plugin = new FakePlugin();
        plugin.Custom["a/m1"] = hanging;
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:Timeout", "00:00:05")), plugin);
        plugin.Client("b", "m1").StreamParts = ["from b"];

        var collect = Task.Run(async () =>
        {
            var text = "";
            await foreach (var update in k.Route("r").GetStreamingResponseAsync("hi"))
            {
                text += update.Text;
            }

            return text;
        });
        await hanging.Started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        k.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("from b", await collect.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Caller_cancellation_is_not_a_failure_and_does_not_fail_over()
    {
        var hanging = new HangingChatClient();
        var plugin = new FakePlugin();
        plugin.Custom["a/m1"] = hanging;
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:MaxRetries", "2")), plugin);
        using var cts = new CancellationTokenSource();

        var call = k.Route("r").GetResponseAsync("hi", cancellationToken: cts.Token);
        await hanging.Started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, plugin.Client("b", "m1").Calls);
        Assert.Equal(TargetCircuitState.Closed, k.Get<ITargetHealth>().Get("a", "m1").State);
    }

    [Fact]
    public async Task Connection_failures_that_plugins_did_not_translate_still_fail_over()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("a", "m1").Throw(new HttpRequestException("connection refused"));
        k.Plugin.Client("b", "m1").Reply("from b");

        Assert.Equal("from b", (await k.Route("r").GetResponseAsync("hi")).Text);
    }

    [Fact]
    public async Task Programming_errors_are_not_swallowed_by_failover()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("a", "m1").Throw(new InvalidOperationException("bug"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => k.Route("r").GetResponseAsync("hi"));
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);
    }

    private sealed class HangingChatClient : IChatClient
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "unreachable");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
