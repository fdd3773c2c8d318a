using AiFunctions.DevServices;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;
using StackExchange.Redis;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// A target's own request and token windows (<c>AiFunctions:RateLimits:Targets</c>) and the spare-capacity check of
/// shadows and replays, with two kernels (two instances) on one real redis-server: each limit holds once across both,
/// a target over its shared limit is skipped to the next target with its window's reset as the retry hint, and a Redis
/// that stops answering refuses the call as transient without counting it against the target. Both kernels' fake
/// clocks stand at 12:00:00 UTC, so they share one window deterministically.
/// </summary>
public sealed class SharedTargetWindowTests : SharedWindowTestBase
{
    private static async Task<string?> AskAsync(KernelHarness k, string route = "r") => (await k.Route(route).GetResponseAsync("hi")).Text;

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the target's window admitted ahead, in the tenant admission's round trip
    public async Task A_targets_request_limit_holds_once_across_two_instances_and_the_skip_carries_the_windows_reset(bool tenantLimited)
    {
        (string, string?)[] limits = tenantLimited
            ? [("RateLimits:Targets:a:RequestsPerMinute", "3"), ("RateLimits:Tenants:*:RequestsPerMinute", "1000")]
            : [("RateLimits:Targets:a:RequestsPerMinute", "3")];
        using var one = Instance(limits: limits);
        using var two = Instance(limits: limits);

        Assert.Equal("from a", await AskAsync(one));
        Assert.Equal("from a", await AskAsync(two));
        Assert.Equal("from a", await AskAsync(one));

        // Per instance, each would still grant a 3 of its own; shared, both now go to b at once.
        Assert.Equal("from b", await AskAsync(two));
        Assert.Equal("from b", await AskAsync(one));
        Assert.Equal(2, one.Plugin.Client("a", "m1").Calls);
        Assert.Equal(1, two.Plugin.Client("a", "m1").Calls);

        // A route with no other target: transient, retry when the UTC minute's window resets (12:00:00 + 1 min).
        two.Time.Advance(TimeSpan.FromSeconds(20));
        var ex = await Assert.ThrowsAsync<RouteFailedException>(() => AskAsync(two, "solo"));
        Assert.True(ex.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(40), ex.RetryAfter);
        var skipped = Assert.Single(ex.Attempts);
        Assert.Contains("requests per minute", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(TargetCircuitState.Closed, two.Get<ITargetHealth>().Get("a", "m1").State);

        // The next minute is a new shared window.
        one.Time.Advance(TimeSpan.FromMinutes(1));
        two.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("from a", await AskAsync(two));
        Assert.Equal(2, two.Plugin.Client("a", "m1").Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_targets_token_limit_holds_once_across_two_instances_with_the_tokens_used_added_after_the_call(bool tenantLimited)
    {
        // Each answer uses 15 tokens (10 in, 5 out); a/m1 may use 30 a minute.
        (string, string?)[] limits = tenantLimited
            ? [("RateLimits:Targets:a/m1:TokensPerMinute", "30"), ("RateLimits:Tenants:*:TokensPerMinute", "100000")]
            : [("RateLimits:Targets:a/m1:TokensPerMinute", "30")];
        using var one = Instance(limits: limits);
        using var two = Instance(limits: limits);

        Assert.Equal("from a", await AskAsync(one));
        await WaitForTokensAsync("target:a/m1", 15);
        Assert.Equal("from a", await AskAsync(two));
        await WaitForTokensAsync("target:a/m1", 30);

        Assert.Equal("from b", await AskAsync(one));
        Assert.Equal("from b", await AskAsync(two));
        Assert.Equal(1, one.Plugin.Client("a", "m1").Calls);
        Assert.Equal(1, two.Plugin.Client("a", "m1").Calls);
        var ex = await Assert.ThrowsAsync<RouteFailedException>(() => AskAsync(one, "solo"));
        Assert.Contains("tokens per minute", Assert.Single(ex.Attempts).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_spare_capacity_check_sees_the_other_instances_use_of_the_window()
    {
        // 4 requests a minute; shadows and replays may only use what is left above half (2).
        using var one = Instance(limits: ("RateLimits:Targets:a:RequestsPerMinute", "4"));
        using var two = Instance(limits: ("RateLimits:Targets:a:RequestsPerMinute", "4"));
        var spare = two.Get<KernelRateLimits>();

        Assert.Null(await spare.TryAcquireTargetSpareAsync("a", "a/m1")); // 1 of 4 taken, by a shadow on instance two
        Assert.Equal("from a", await AskAsync(one));                   // 2 of 4, by instance one's route call

        // Instance two sees instance one's request: no spare capacity left, and the refusal takes nothing.
        Assert.Equal("requests per minute (spare capacity)", await spare.TryAcquireTargetSpareAsync("a", "a/m1"));
        Assert.NotNull(await spare.TryAcquireTargetSpareAsync("a", "a/m1"));

        // The routes' own calls still get the reserved half, then the target is full for everyone.
        Assert.Equal("from a", await AskAsync(two));
        Assert.Equal("from a", await AskAsync(one));
        Assert.Equal("from b", await AskAsync(two));
    }

    [Fact]
    public async Task The_spare_check_reads_the_shared_token_window_too()
    {
        // 40 tokens a minute: spare while fewer than 20 are used. One answer elsewhere uses 15, a second 30.
        using var one = Instance(limits: ("RateLimits:Targets:a/m1:TokensPerMinute", "40"));
        using var two = Instance(limits: ("RateLimits:Targets:a/m1:TokensPerMinute", "40"));
        var spare = two.Get<KernelRateLimits>();

        Assert.Equal("from a", await AskAsync(one));
        await WaitForTokensAsync("target:a/m1", 15);
        Assert.Null(await spare.TryAcquireTargetSpareAsync("a", "a/m1"));
        Assert.Equal("from a", await AskAsync(one));
        await WaitForTokensAsync("target:a/m1", 30);
        Assert.Equal("tokens per minute (spare capacity)", await spare.TryAcquireTargetSpareAsync("a", "a/m1"));
    }

    [Fact]
    public async Task A_redis_that_stops_answering_refuses_the_call_as_transient_without_counting_it_against_the_target()
    {
        var redis = await RedisProcess.StartAsync(TimeSpan.FromSeconds(30));
        using var k = Instance(redis.ConnectionString + ",connectTimeout=1000,syncTimeout=1000", ("RateLimits:Targets:a:RequestsPerMinute", "100"));
        Assert.Equal("from a", await AskAsync(k));

        await redis.DisposeAsync();

        // Not sent to a provider, not failed over to b (every target would meet the same store), not the target's fault.
        var ex = await Assert.ThrowsAsync<SharedStateUnavailableException>(() => AskAsync(k));
        Assert.True(ex.IsTransient);
        Assert.Equal(AiFailureReason.Unavailable, ex.Reason);
        Assert.Equal(TimeSpan.FromSeconds(5), ex.RetryAfter);
        Assert.Contains("AiFunctions:SharedState:Redis", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);
        var health = k.Get<ITargetHealth>().Get("a", "m1");
        Assert.Equal(TargetCircuitState.Closed, health.State);

        // A shadow or replay's spare check cannot read the window either: the same transient refusal, never a free pass.
        await Assert.ThrowsAsync<SharedStateUnavailableException>(async () => await k.Get<KernelRateLimits>().TryAcquireTargetSpareAsync("a", "a/m1"));
    }

    [Fact]
    public async Task With_a_tenant_limit_the_tenant_and_the_first_targets_windows_cost_one_round_trip_per_call()
    {
        using var k = Instance(limits: [("RateLimits:Targets:a:RequestsPerMinute", "100"), ("RateLimits:Tenants:*:RequestsPerMinute", "100")]);
        await AskAsync(k); // warm: the script is loaded once
        var before = await ScriptCallsAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("from a", await AskAsync(k));
        }

        Assert.Equal(5, await ScriptCallsAsync() - before);
        Assert.Equal(6, await FieldAsync("target:a/m1", "requests"));
        Assert.Equal(6, await FieldAsync("tenant:default", "requests"));
    }

    [Fact]
    public async Task A_refused_tenant_takes_nothing_from_the_target_and_an_unsent_admission_is_given_back()
    {
        using var k = Instance(limits:
        [
            ("RateLimits:Targets:a:RequestsPerMinute", "2"), ("RateLimits:Tenants:*:RequestsPerMinute", "3"),
            ("Routes:r:CacheDuration", "00:05:00"),
        ]);

        // One provider request, then two cache hits: the hits' target admissions (made ahead) are given back.
        Assert.Equal("from a", await AskAsync(k));
        Assert.Equal("from a", await AskAsync(k));
        Assert.Equal("from a", await AskAsync(k));
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
        await WaitForFieldAsync("target:a/m1", "requests", 1);

        // The tenant's 4th call is refused before any target window is touched.
        await Assert.ThrowsAsync<RateLimitExceededException>(() => AskAsync(k));
        Assert.Equal(3, await FieldAsync("tenant:default", "requests"));
        Assert.Equal(1, await FieldAsync("target:a/m1", "requests"));

        // So the target still has its second request this minute (used here by another tenant), then it is full.
        using (AiFunctions.Kernel.Context.AiCallContext.Begin(new("fabrikam", "test")))
        {
            Assert.Equal("from a", (await k.Route("r").GetResponseAsync("something new")).Text);
            Assert.Equal("from b", (await k.Route("r").GetResponseAsync("and another")).Text);
        }

        Assert.Equal(2, k.Plugin.Client("a", "m1").Calls);
    }

    [Fact]
    public async Task A_shadows_tokens_go_to_the_shared_target_window_so_the_other_instances_spare_check_sees_them()
    {
        // Shadow target a/m2: 200 tokens a minute; one shadow answer uses 150. The tenant's 100-token window is not charged.
        (string, string?)[] settings =
        [
            ("RateLimits:Targets:a/m2:TokensPerMinute", "200"), ("RateLimits:Tenants:*:TokensPerMinute", "100"),
            ("Routes:r:Shadow:Target:Provider", "a"), ("Routes:r:Shadow:Target:Model", "m2"), ("Routes:r:Shadow:SampleRate", "1"),
        ];
        using var one = Instance(limits: settings);
        using var two = Instance(limits: settings);
        one.Plugin.Client("a", "m1").Reply(ScoreAnswer, input: 10, output: 5);
        one.Plugin.Client("a", "m2").Reply(ScoreAnswer, input: 100, output: 50);

        await one.Get<Functions.IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), new ScoreInput("Jane Doe", "Led a team."));
        await one.Get<Shadowing.IShadowMonitor>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await WaitForTokensAsync("target:a/m2", 150);

        Assert.Equal(1, one.Plugin.Client("a", "m2").Calls);
        // The tenant's window holds the primary's requests only (15 tokens each; its first answer here is not JSON, so it was repaired).
        await WaitForFieldAsync("tenant:default", "tokens", 15L * one.Plugin.Client("a", "m1").Calls);
        Assert.Equal("tokens per minute (spare capacity)", await two.Get<KernelRateLimits>().TryAcquireTargetSpareAsync("a", "a/m2"));
    }

    [Fact]
    public async Task A_shadow_whose_spare_check_cannot_reach_redis_is_counted_failed_and_sends_nothing()
    {
        // The primary a/m1 has no limit (its call needs no read); the shadow target a/m2 has one, so its spare check must read Redis.
        var redis = await RedisProcess.StartAsync(TimeSpan.FromSeconds(30));
        using var k = Instance(redis.ConnectionString + ",connectTimeout=1000,syncTimeout=1000",
        [
            ("RateLimits:Targets:a/m2:RequestsPerMinute", "100"),
            ("Routes:r:Shadow:Target:Provider", "a"), ("Routes:r:Shadow:Target:Model", "m2"), ("Routes:r:Shadow:SampleRate", "1"),
        ]);
        k.Plugin.Client("a", "m1").Reply(ScoreAnswer);
        var shadow = k.Plugin.Client("a", "m2").Reply(ScoreAnswer);
        await redis.DisposeAsync();

        var result = await k.Get<Functions.IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), new ScoreInput("Jane Doe", "Led a team."));
        await k.Get<Shadowing.IShadowMonitor>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(82, result.Output.Score);
        Assert.Equal(0, shadow.Calls);
        var statistics = k.Get<Shadowing.IShadowMonitor>().Statistics("r");
        Assert.Equal((1L, 1L, 0L), (statistics.Sampled, statistics.Failed, statistics.Valid));
    }

    private const string ScoreAnswer = """{"verdict":"strong","score":82,"evidence":"Led a team"}""";

    /// <summary>EVAL + EVALSHA calls the server has run (INFO commandstats).</summary>
    private async Task<long> ScriptCallsAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true");
        var info = await connection.GetServer(connection.GetEndPoints()[0]).InfoAsync("commandstats");
        return info.SelectMany(g => g)
            .Where(kv => kv.Key is "cmdstat_eval" or "cmdstat_evalsha")
            .Sum(kv => long.Parse(kv.Value.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private Task WaitForTokensAsync(string subject, long tokens) => WaitForFieldAsync(subject, "tokens", tokens);
}
