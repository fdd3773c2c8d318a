using System.ClientModel;
using System.Text.Json;
using AiFunctions.DevServices;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using Xunit;

namespace AiFunctions.Providers.Tests.Gateway;

/// <summary>
/// Two gateway hosts (separate kernels, DI containers and Kestrel servers; one test process) on one redis-server:
/// a tenant's budget and rate limit are enforced once across both, spending survives a host restart, and a target one
/// host keeps out (quota) or whose circuit it opened is skipped by the other too.
/// </summary>
public sealed class SharedStateTests : IAsyncLifetime
{
    private const string Key = "sk-shared-0123456789abcdef";
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";
    private FakeProviderServer _upstream = null!;
    private RedisProcess _redis = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeProviderServer.StartAsync(new OpenAIWire());
        _redis = await RedisProcess.StartAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private Task<GatewayServer> StartHostAsync(params KeyValuePair<string, string?>[] extra) => GatewayServer.StartAsync(
    [
        .. GatewayServer.Upstream(_upstream.BaseAddress),
        .. GatewayServer.Route("chat", "gpt-test"),
        .. GatewayServer.App("portal", Key, "contoso", "chat"),
        new("AiFunctions:SharedState:Redis", _redis.ConnectionString),
        new("AiFunctions:SharedState:KeyPrefix", _prefix),
        new("AiFunctions:SharedState:CircuitRefreshInterval", "00:00:00.100"),
        .. extra,
    ]);

    private static Task<ClientResult<ChatCompletion>> AskAsync(GatewayServer host) =>
        host.Client(Key).GetChatClient("chat").CompleteChatAsync([new UserChatMessage("Hello?")]);

    [Fact]
    public async Task A_budget_is_spent_once_across_two_hosts_and_kept_across_a_restart()
    {
        // Each answer costs 18 tokens; the tenant may spend 36 in total.
        KeyValuePair<string, string?>[] budget =
        [
            new("AiFunctions:Budgets:contoso-total:Tenant", "contoso"),
            new("AiFunctions:Budgets:contoso-total:Period", "Total"),
            new("AiFunctions:Budgets:contoso-total:MaxTokens", "36"),
        ];
        var a = await StartHostAsync(budget);
        await using (var b = await StartHostAsync(budget))
        {
            await AskAsync(a);
            await AskAsync(b);

            // In process, each host would still grant its own 36 tokens; shared, both refuse.
            Assert.Equal("insufficient_quota", await RefusedCodeAsync(a, 429));
            Assert.Equal("insufficient_quota", await RefusedCodeAsync(b, 429));
            Assert.Equal(2, _upstream.RequestCount);
        }

        // Restart host A: the spending (and the ledger) are still there.
        await a.DisposeAsync();
        await using var restarted = await StartHostAsync(budget);
        Assert.Equal("insufficient_quota", await RefusedCodeAsync(restarted, 429));
        var ledger = restarted.Services.GetRequiredService<IUsageLedger>();
        Assert.Equal(2 * (ProviderWire.PromptTokens + ProviderWire.CompletionTokens), ledger.Total.TotalTokens);
        Assert.Equal(2 * ProviderWire.PromptTokens, ledger.TotalsBy(UsageDimension.Tenant)["contoso"].InputTokens);
        Assert.Equal(2 * ProviderWire.CompletionTokens, ledger.TotalsBy(UsageDimension.Workflow)["gateway:portal"].OutputTokens);
        Assert.Equal(2, _upstream.RequestCount);
    }

    [Fact]
    public async Task A_tenant_rate_limit_holds_once_across_two_hosts()
    {
        // The windows are aligned to the UTC minute: do not start the four calls just before a minute ends.
        if (DateTimeOffset.UtcNow.Second >= 50)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTimeOffset.UtcNow.Second));
        }

        KeyValuePair<string, string?>[] limit = [new("AiFunctions:RateLimits:Tenants:contoso:RequestsPerMinute", "3")];
        await using var a = await StartHostAsync(limit);
        await using var b = await StartHostAsync(limit);

        await AskAsync(a);
        await AskAsync(b);
        await AskAsync(a);
        Assert.Equal("rate_limit_exceeded", await RefusedCodeAsync(b, 429));
        Assert.Equal("rate_limit_exceeded", await RefusedCodeAsync(a, 429));
        Assert.Equal(3, _upstream.RequestCount);

        // OpenAI's headers on the refusal carry the shared window: the configured limit, nothing left, and the reset of
        // the UTC minute both hosts count in (the same value as Retry-After).
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => AskAsync(b));
        var secondsLeft = 60 - DateTimeOffset.UtcNow.Second;
        var headers = refused.GetRawResponse()!.Headers;
        Assert.True(headers.TryGetValue("x-ratelimit-limit-requests", out var limitHeader));
        Assert.Equal("3", limitHeader);
        Assert.True(headers.TryGetValue("x-ratelimit-remaining-requests", out var remaining));
        Assert.Equal("0", remaining);
        Assert.True(headers.TryGetValue("Retry-After", out var retryAfter));
        Assert.InRange(int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture), 1, secondsLeft + 1);
        Assert.True(headers.TryGetValue("x-ratelimit-reset-requests", out var reset));
        Assert.Equal(retryAfter + "s", reset);
    }

    [Fact]
    public async Task A_target_one_host_keeps_out_for_quota_is_skipped_by_the_other_without_a_call()
    {
        await using var a = await StartHostAsync();
        await using var b = await StartHostAsync();
        var healthB = b.Services.GetRequiredService<ITargetHealth>();
        Assert.Equal(TargetCircuitState.Closed, healthB.Get("upstream", "gpt-test").State);

        // 402 Payment Required: the provider's quota is gone (QuotaExhausted), so host A keeps the target out.
        _upstream.Enqueue(new FakeReply.Error(402));
        await Assert.ThrowsAsync<ClientResultException>(() => AskAsync(a));
        Assert.Equal(1, _upstream.RequestCount);

        // Host B learns it from the store within its refresh interval (100 ms here), never by calling the provider.
        var seen = await WaitForAsync(() => healthB.Get("upstream", "gpt-test").State == TargetCircuitState.Open);
        Assert.True(seen, "host B never saw the target host A keeps out");
        var info = healthB.Get("upstream", "gpt-test");
        Assert.Contains("QuotaExhausted", info.LastFailure, StringComparison.Ordinal);
        Assert.NotNull(info.OpenedAt);
        await Assert.ThrowsAsync<ClientResultException>(() => AskAsync(b));
        Assert.Equal(1, _upstream.RequestCount);

        // The record expires when the block ends (QuotaCooldown, 5 minutes by default), not later.
        var redis = b.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase();
        var ttl = await redis.KeyTimeToLiveAsync(_prefix + "circuit:upstream/gpt-test");
        Assert.NotNull(ttl);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task A_circuit_one_host_opens_is_open_on_the_other_until_its_break_ends()
    {
        KeyValuePair<string, string?>[] breaker =
        [
            new("AiFunctions:Resilience:CircuitBreaker:MinimumThroughput", "2"),
            new("AiFunctions:Resilience:CircuitBreaker:FailureRatio", "0.5"),
            new("AiFunctions:Resilience:CircuitBreaker:BreakDuration", "00:00:03"),
        ];
        await using var a = await StartHostAsync(breaker);
        await using var b = await StartHostAsync(breaker);
        var healthA = a.Services.GetRequiredService<ITargetHealth>();
        var healthB = b.Services.GetRequiredService<ITargetHealth>();

        _upstream.Enqueue(new FakeReply.Error(500), new FakeReply.Error(500));
        await Assert.ThrowsAsync<ClientResultException>(() => AskAsync(a));
        await Assert.ThrowsAsync<ClientResultException>(() => AskAsync(a));
        Assert.Equal(TargetCircuitState.Open, healthA.Get("upstream", "gpt-test").State);

        Assert.True(await WaitForAsync(() => healthB.Get("upstream", "gpt-test").State == TargetCircuitState.Open), "host B never saw host A's open circuit");
        await Assert.ThrowsAsync<ClientResultException>(() => AskAsync(b));
        Assert.Equal(2, _upstream.RequestCount);

        // After the break B calls the target again (A's breaker is half-open: its next call is the probe).
        Assert.True(await WaitForAsync(() => healthB.Get("upstream", "gpt-test").State == TargetCircuitState.Closed, TimeSpan.FromSeconds(10)), "host B kept the target out after the break");
        await AskAsync(b);
        Assert.Equal(3, _upstream.RequestCount);
    }

    [Fact]
    public async Task An_answer_one_host_cached_is_a_cache_hit_on_the_other()
    {
        KeyValuePair<string, string?>[] cached = [new("AiFunctions:Routes:chat:CacheDuration", "00:05:00")];
        await using var a = await StartHostAsync(cached);
        await using var b = await StartHostAsync(cached);

        var first = await AskAsync(a);
        var second = await AskAsync(b);
        var again = await AskAsync(b);

        // One provider call: B answered from the entry A wrote to Redis (HybridCache L2), then from its own L1.
        Assert.Equal(1, _upstream.RequestCount);
        Assert.Equal(first.Value.Content[0].Text, second.Value.Content[0].Text);
        Assert.Equal(first.Value.Content[0].Text, again.Value.Content[0].Text);
        var redis = b.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        Assert.Single(server.Keys(pattern: _prefix + "cache:*"));
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    [Fact]
    public async Task A_store_that_stops_answering_refuses_calls_as_transient_503_with_retry_after_and_sends_nothing()
    {
        // A budget has to be read before every call; with the store gone it cannot be, so the call is refused (never
        // let through unchecked) as a transient failure the caller may retry, not a 500.
        var redis = await RedisProcess.StartAsync(TimeSpan.FromSeconds(30));
        await using var host = await GatewayServer.StartAsync(
        [
            .. GatewayServer.Upstream(_upstream.BaseAddress),
            .. GatewayServer.Route("chat", "gpt-test"),
            .. GatewayServer.App("portal", Key, "contoso", "chat"),
            new("AiFunctions:SharedState:Redis", redis.ConnectionString + ",connectTimeout=1000,syncTimeout=1000"),
            new("AiFunctions:SharedState:KeyPrefix", _prefix),
            new("AiFunctions:Budgets:contoso-total:Tenant", "contoso"),
            new("AiFunctions:Budgets:contoso-total:Period", "Total"),
            new("AiFunctions:Budgets:contoso-total:MaxTokens", "100000"),
        ]);
        await AskAsync(host);

        await redis.DisposeAsync();
        var error = await Assert.ThrowsAsync<ClientResultException>(() => AskAsync(host));

        Assert.Equal(503, error.Status);
        Assert.True(error.GetRawResponse()!.Headers.TryGetValue("Retry-After", out var retryAfter), "A transient refusal carries Retry-After.");
        Assert.Equal("5", retryAfter);
        using var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString());
        Assert.Equal("service_unavailable", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("AiFunctions:SharedState:Redis", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        // The store's outage is not the target's: its circuit stays closed and it is not kept out.
        Assert.Equal(TargetCircuitState.Closed, host.Services.GetRequiredService<ITargetHealth>().Get("upstream", "gpt-test").State);
        Assert.Equal(1, _upstream.RequestCount);
    }

    private static async Task<string?> RefusedCodeAsync(GatewayServer host, int status)
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => AskAsync(host));
        Assert.Equal(status, error.Status);
        using var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString());
        return body.RootElement.GetProperty("error").GetProperty("code").GetString();
    }
}
