using AiFunctions.DevServices;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;
using StackExchange.Redis;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// Hostile cases for the shared one-minute windows (tenant and target, <c>AiFunctions:RateLimits</c> with
/// <c>AiFunctions:SharedState:Redis</c>) on a real redis-server: concurrent load from two instances (the admissions must
/// never starve the client's reply reader), a store emptied under a call (a Redis restart without
/// persistence), subject names that look like key syntax,
/// and give-back of admissions that were never used. Both kernels' fake clocks stand at 12:00:00 UTC.
/// </summary>
public sealed class SharedWindowAdversarialTests : SharedWindowTestBase
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the target admitted ahead in the tenant's round trip
    public async Task Parallel_calls_from_two_instances_admit_exactly_the_targets_limit_never_more(bool tenantLimited)
    {
        (string, string?)[] limits = tenantLimited
            ? [("RateLimits:Targets:a:RequestsPerMinute", "7"), ("RateLimits:Tenants:*:RequestsPerMinute", "1000")]
            : [("RateLimits:Targets:a:RequestsPerMinute", "7")];
        using var one = Instance(limits: limits);
        using var two = Instance(limits: limits);
        await ConnectedAsync(one, two);

        var calls = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            try
            {
                return (await (i % 2 == 0 ? one : two).Route("solo").GetResponseAsync("call " + i)).Text;
            }
            catch (RouteFailedException ex) when (ex.IsTransient)
            {
                return "refused";
            }
        })).ToArray();
        var answers = await Task.WhenAll(calls);

        Assert.Equal(7, answers.Count(a => a == "from a"));
        Assert.Equal(33, answers.Count(a => a == "refused"));
        Assert.Equal(7, one.Plugin.Client("a", "m1").Calls + two.Plugin.Client("a", "m1").Calls);
        Assert.Equal(7, await FieldAsync("target:a/m1", "requests"));
    }

    [Fact]
    public async Task Parallel_calls_from_two_instances_admit_exactly_the_tenants_limit_never_more()
    {
        using var one = Instance(limits: ("RateLimits:Tenants:*:RequestsPerMinute", "9"));
        using var two = Instance(limits: ("RateLimits:Tenants:*:RequestsPerMinute", "9"));
        await ConnectedAsync(one, two);

        var calls = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            try
            {
                return (await (i % 2 == 0 ? one : two).Route("r").GetResponseAsync("call " + i)).Text;
            }
            catch (RateLimitExceededException)
            {
                return "refused";
            }
        })).ToArray();
        var answers = await Task.WhenAll(calls);

        Assert.Equal(9, answers.Count(a => a == "from a"));
        Assert.Equal(31, answers.Count(a => a == "refused"));
        Assert.Equal(9, await FieldAsync("tenant:default", "requests"));
    }

    [Fact]
    public async Task An_admission_given_back_after_the_store_lost_its_window_leaves_no_negative_count_and_no_key_without_expiry()
    {
        // A Redis restarted without persistence (or a window key that expired while a call waited) has no window for the
        // minute the admission was made in. Giving the admission back must not create a count below zero — that would
        // grant the window one request beyond its limit — nor a key that never expires.
        using var k = Instance(limits: [("RateLimits:Targets:a:RequestsPerMinute", "2"), ("RateLimits:Tenants:*:RequestsPerMinute", "100")]);
        var limits = k.Get<KernelRateLimits>();
        var prepaid = await limits.AcquireTenantAsync("default", "a", "a/m1");
        Assert.NotNull(prepaid);
        Assert.Equal(1, await FieldAsync("target:a/m1", "requests"));

        await FlushAsync();
        prepaid!.Dispose(); // never taken (e.g. a cache hit): given back
        await Task.Delay(200);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        var db = connection.GetDatabase();
        var key = WindowKey("target:a/m1");
        if (await db.KeyExistsAsync(key))
        {
            Assert.True((long)(await db.HashGetAsync(key, "requests")) >= 0, "a given-back admission drove the window below zero");
            Assert.NotNull(await db.KeyTimeToLiveAsync(key));
        }

        // The emptied window grants its limit again (2), not one more.
        Assert.Equal("from a", (await k.Route("solo").GetResponseAsync("1")).Text);
        Assert.Equal("from a", (await k.Route("solo").GetResponseAsync("2")).Text);
        await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("solo").GetResponseAsync("3"));
        Assert.NotNull(await db.KeyTimeToLiveAsync(key));
    }

    [Fact]
    public async Task A_budget_refusal_gives_the_targets_admission_back()
    {
        using var k = Instance(limits:
        [
            ("RateLimits:Targets:a:RequestsPerMinute", "5"), ("RateLimits:Tenants:*:RequestsPerMinute", "100"),
            ("Budgets:tight:Tenant", "*"), ("Budgets:tight:Route", "r"), ("Budgets:tight:Period", "Daily"), ("Budgets:tight:MaxTokens", "15"),
        ]);

        Assert.Equal("from a", (await k.Route("r").GetResponseAsync("1")).Text); // 15 tokens: the budget is spent
        await Assert.ThrowsAsync<BudgetExceededException>(() => k.Route("r").GetResponseAsync("2"));
        await Assert.ThrowsAsync<BudgetExceededException>(() => k.Route("r").GetResponseAsync("3"));

        await WaitForFieldAsync("target:a/m1", "requests", 1);
        Assert.Equal(3, await FieldAsync("tenant:default", "requests"));
    }

    [Fact]
    public async Task A_cancelled_call_waiting_before_its_first_request_gives_the_targets_admission_back()
    {
        using var k = Instance(null, replies: false,
        [
            ("RateLimits:Targets:a:RequestsPerMinute", "5"), ("RateLimits:Tenants:*:RequestsPerMinute", "100"),
            ("ConcurrencyLimits:Targets:a:MaxConcurrentCalls", "1"),
        ]);
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        k.Plugin.Client("a", "m1").Gate(gate);

        var first = k.Route("solo").GetResponseAsync("holds the only slot");
        await WaitUntilAsync(() => k.Plugin.Client("a", "m1").Calls == 1);
        using var cancel = new CancellationTokenSource();
        var second = k.Route("solo").GetResponseAsync("waits for the slot", cancellationToken: cancel.Token);
        await Task.Delay(100);
        Assert.Equal(2, await FieldAsync("target:a/m1", "requests")); // both admitted ahead
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);

        gate.SetResult(FakeChatClient.Response("done"));
        await first;
        await WaitForFieldAsync("target:a/m1", "requests", 1);
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
    }

    [Theory]
    [InlineData("a}{b")]
    [InlineData("{1}")]
    [InlineData("x:target:a/m1")]
    [InlineData("contoso ")]
    [InlineData("Contoso")]
    [InlineData("Zürich-HR-人事")]
    public async Task Tenant_names_that_look_like_key_syntax_get_windows_of_their_own(string tenant)
    {
        var longName = new string('t', 20_000);
        using var k = Instance(limits: [("RateLimits:Tenants:*:RequestsPerMinute", "1"), ("RateLimits:Targets:a:RequestsPerMinute", "1000")]);
        var client = k.Route("r");
        foreach (var name in new[] { "contoso", tenant, longName, "tenant:" + tenant, tenant + "}" }.Distinct(StringComparer.Ordinal))
        {
            using (AiCallContext.Begin(new(name, "test")))
            {
                Assert.Equal("from a", (await client.GetResponseAsync("first of " + name.Length)).Text);
                await Assert.ThrowsAsync<RateLimitExceededException>(() => client.GetResponseAsync("second"));
            }
        }

        Assert.Equal(1, await FieldAsync("tenant:" + tenant, "requests"));
        Assert.Equal(1, await FieldAsync("tenant:contoso", "requests"));
    }

    [Fact]
    public async Task A_token_limit_is_overshot_by_the_calls_admitted_before_any_of_them_ended_and_then_refuses()
    {
        // Documented (docs/kernel.md "What the shared windows do not promise"): tokens are known only after a call, so
        // every call admitted while the window is under its limit goes ahead. 10 calls in flight at once on two
        // instances, 15 tokens each, against 30 tokens a minute: all 10 sent, 150 tokens counted, then refused.
        using var one = Instance(null, replies: false, ("RateLimits:Targets:a/m1:TokensPerMinute", "30"));
        using var two = Instance(null, replies: false, ("RateLimits:Targets:a/m1:TokensPerMinute", "30"));
        await ConnectedAsync(one, two);
        var gate = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var k in new[] { one, two })
        {
            k.Plugin.Client("a", "m1").Gate(gate);
            k.Plugin.Client("b", "m1").Reply("from b");
        }

        var calls = Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? one : two).Route("solo").GetResponseAsync("call " + i)).ToArray();
        await WaitUntilAsync(() => one.Plugin.Client("a", "m1").Calls + two.Plugin.Client("a", "m1").Calls == 10);
        gate.SetResult(FakeChatClient.Response("from a"));
        await Task.WhenAll(calls);

        await WaitForFieldAsync("target:a/m1", "tokens", 150);
        Assert.Equal("from b", (await one.Route("r").GetResponseAsync("after")).Text);
        Assert.Equal("from b", (await two.Route("r").GetResponseAsync("after")).Text);
    }

    [Fact]
    public async Task A_store_restarted_empty_loses_its_scripts_and_counts_yet_the_next_calls_are_admitted_and_counted_afresh()
    {
        using var k = Instance(limits: [("RateLimits:Targets:a:RequestsPerMinute", "2"), ("RateLimits:Tenants:*:RequestsPerMinute", "100")]);
        Assert.Equal("from a", (await k.Route("solo").GetResponseAsync("1")).Text);
        Assert.Equal("from a", (await k.Route("solo").GetResponseAsync("2")).Text);
        await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("solo").GetResponseAsync("3"));

        // What a restart without persistence leaves: no keys and no cached scripts (the client's EVALSHA meets NOSCRIPT).
        await FlushAsync();
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true"))
        {
            await admin.GetServer(admin.GetEndPoints()[0]).ScriptFlushAsync();
        }

        Assert.Equal("from a", (await k.Route("solo").GetResponseAsync("4")).Text);
        Assert.Equal("from a", (await k.Route("solo").GetResponseAsync("5")).Text);
        await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("solo").GetResponseAsync("6"));
        Assert.Equal(2, await FieldAsync("target:a/m1", "requests"));
    }

    [Fact]
    public async Task A_window_key_the_store_cannot_count_is_a_transient_refusal_not_a_500_and_not_the_targets_fault()
    {
        // Another application writing under the same prefix (or a corrupted key): the script fails with WRONGTYPE.
        using var k = Instance(limits: ("RateLimits:Targets:a:RequestsPerMinute", "5"));
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString))
        {
            await connection.GetDatabase().StringSetAsync(WindowKey("target:a/m1"), "not a hash");
        }

        var ex = await Assert.ThrowsAsync<SharedStateUnavailableException>(() => k.Route("r").GetResponseAsync("hi"));
        Assert.True(ex.IsTransient);
        Assert.Equal(0, k.Plugin.Client("a", "m1").Calls);
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public async Task An_admission_taken_in_one_minute_and_given_back_in_the_next_returns_to_the_minute_it_was_taken_from()
    {
        using var k = Instance(limits: [("RateLimits:Targets:a:RequestsPerMinute", "2"), ("RateLimits:Tenants:*:RequestsPerMinute", "100")]);
        k.Time.Advance(TimeSpan.FromMilliseconds(59_900)); // 12:00:59.9
        var prepaid = await k.Get<KernelRateLimits>().AcquireTenantAsync("default", "a", "a/m1");
        Assert.Equal(1, await FieldAsync("target:a/m1", "requests"));

        k.Time.Advance(TimeSpan.FromMilliseconds(200)); // 12:01:00.1: a new window
        Assert.Equal("from a", (await k.Route("solo").GetResponseAsync("in the next minute")).Text);
        prepaid!.Dispose(); // a call that straddled the boundary without sending

        await WaitForFieldAsync("target:a/m1", "requests", 0);
        Assert.Equal(1, await FieldAsync("target:a/m1", "requests", minute: 1));
    }

    [Fact]
    public async Task Instances_whose_clocks_disagree_count_in_the_minute_of_their_own_clock()
    {
        // Documented (docs/kernel.md "What the shared windows do not promise"): the window is the admitting instance's
        // UTC minute, so clocks must be synchronised; a 1 s skew across a boundary lets each instance fill its own window.
        using var one = Instance(limits: ("RateLimits:Targets:a:RequestsPerMinute", "2"));
        using var two = Instance(limits: ("RateLimits:Targets:a:RequestsPerMinute", "2"));
        one.Time.Advance(TimeSpan.FromMilliseconds(59_500)); // 12:00:59.5
        two.Time.Advance(TimeSpan.FromMilliseconds(60_500)); // 12:01:00.5, one second ahead

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("from a", (await one.Route("solo").GetResponseAsync("one " + i)).Text);
            Assert.Equal("from a", (await two.Route("solo").GetResponseAsync("two " + i)).Text);
        }

        await Assert.ThrowsAsync<RouteFailedException>(() => one.Route("solo").GetResponseAsync("one more"));
        await Assert.ThrowsAsync<RouteFailedException>(() => two.Route("solo").GetResponseAsync("two more"));
        Assert.Equal(2, await FieldAsync("target:a/m1", "requests"));
        Assert.Equal(2, await FieldAsync("target:a/m1", "requests", minute: 1));
    }

    /// <summary>As the host's start-up check (SharedStateCheck) does before serving: the store's connection is up.</summary>
    private static async Task ConnectedAsync(params KernelHarness[] instances)
    {
        foreach (var k in instances)
        {
            await k.Get<IConnectionMultiplexer>().GetDatabase().PingAsync();
        }
    }

    private async Task FlushAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true");
        await connection.GetServer(connection.GetEndPoints()[0]).FlushAllDatabasesAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition never held");
            await Task.Delay(10);
        }
    }
}
