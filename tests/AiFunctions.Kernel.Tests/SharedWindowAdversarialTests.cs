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
/// <c>AiFunctions:SharedState:Redis</c>) on a real redis-server: concurrent load from two instances (the synchronous
/// admission must not starve the client's reply reader), a store emptied under a call (a Redis restart without
/// persistence), subject names that look like key syntax,
/// and give-back of admissions that were never used. Both kernels' fake clocks stand at 12:00:00 UTC.
/// </summary>
public sealed class SharedWindowAdversarialTests : IAsyncLifetime
{
    private readonly string _prefix = $"tw-{Guid.NewGuid():N}:";
    private RedisProcess _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisProcess.StartAsync(TimeSpan.FromSeconds(30));

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private KernelHarness Instance(string? redis = null, params (string Key, string? Value)[] limits) => Instance(redis, replies: true, limits);

    private KernelHarness Instance(string? redis, bool replies, params (string Key, string? Value)[] limits)
    {
        var k = KernelHarness.Create(KernelHarness.FailoverRoute(
        [
            ("SharedState:Redis", redis ?? _redis.ConnectionString),
            ("SharedState:KeyPrefix", _prefix),
            ("Routes:solo:Targets:0:Provider", "a"), ("Routes:solo:Targets:0:Model", "m1"),
            ("Routes:solo:Redact", "false"), ("Routes:solo:MaxRetries", "0"),
            .. limits,
        ]));
        if (replies)
        {
            k.Plugin.Client("a", "m1").Reply("from a");
            k.Plugin.Client("b", "m1").Reply("from b");
        }

        return k;
    }

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
        var prepaid = limits.AcquireTenant("default", "a", "a/m1");
        Assert.NotNull(prepaid);
        Assert.Equal(1, await FieldAsync("target:a/m1", "requests"));

        await FlushAsync();
        prepaid!.Dispose(); // never taken (e.g. a cache hit): given back
        await Task.Delay(200);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
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

    private static readonly long Minute = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() / 60;

    private string WindowKey(string subject) => $"{_prefix}rl:{{{Minute}}}:{subject}";

    private async Task<long> FieldAsync(string subject, string field)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        return (long?)await connection.GetDatabase().HashGetAsync(WindowKey(subject), field) ?? 0;
    }

    private async Task FlushAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",allowAdmin=true");
        await connection.GetServer(connection.GetEndPoints()[0]).FlushAllDatabasesAsync();
    }

    private async Task WaitForFieldAsync(string subject, string field, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        long actual;
        while ((actual = await FieldAsync(subject, field)) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{WindowKey(subject)} {field} is {actual}, never reached {expected}");
            await Task.Delay(20);
        }
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
