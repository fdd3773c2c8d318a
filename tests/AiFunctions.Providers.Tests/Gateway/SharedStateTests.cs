using System.ClientModel;
using System.Text.Json;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using Xunit;

namespace AiFunctions.Providers.Tests.Gateway;

/// <summary>
/// Two gateway hosts (separate kernels, DI containers and Kestrel servers; one test process) on one redis-server:
/// a tenant's budget and rate limit are enforced once across both, and spending survives a host restart.
/// </summary>
public sealed class SharedStateTests : IAsyncLifetime
{
    private const string Key = "sk-shared-0123456789abcdef";
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";
    private FakeProviderServer _upstream = null!;
    private RedisServer _redis = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeProviderServer.StartAsync(new OpenAIWire());
        _redis = await RedisServer.StartAsync();
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
    }

    private static async Task<string?> RefusedCodeAsync(GatewayServer host, int status)
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => AskAsync(host));
        Assert.Equal(status, error.Status);
        using var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString());
        return body.RootElement.GetProperty("error").GetProperty("code").GetString();
    }
}
