using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Kernel.Tests;

public sealed class LimitsAndBudgetsTests
{
    [Fact]
    public async Task Token_budget_refuses_the_tenant_once_spent_and_resets_the_next_day()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(
            ("Budgets:screening-daily:Tenant", "contoso"), ("Budgets:screening-daily:Route", "r"),
            ("Budgets:screening-daily:Period", "Daily"), ("Budgets:screening-daily:MaxTokens", "20")));
        var client = k.Route("r"); // each call: 10 input + 5 output tokens
        using (AiCallContext.Begin(new("contoso", "wf")))
        {
            await client.GetResponseAsync("1");
            await client.GetResponseAsync("2");
            var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("3"));
            Assert.Equal(("contoso", "r", 20m, 30m), (ex.Tenant, ex.Route, ex.Limit, ex.Spent));
            Assert.Contains("screening-daily", ex.Message, StringComparison.Ordinal);
        }

        using (AiCallContext.Begin(new("fabrikam", "wf")))
        {
            await client.GetResponseAsync("other tenant is not affected");
        }

        k.Time.Advance(TimeSpan.FromDays(1));
        using (AiCallContext.Begin(new("contoso", "wf")))
        {
            await client.GetResponseAsync("next day");
        }

        Assert.Equal(4, k.Plugin.Client("a", "m1").Calls);
    }

    [Fact]
    public async Task Money_budget_uses_the_price_table_for_every_tenant()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(
            ("Pricing:m1:InputPerMillion", "1000000"), ("Pricing:m1:OutputPerMillion", "0"),
            ("Budgets:all:Tenant", "*"), ("Budgets:all:Period", "Monthly"), ("Budgets:all:MaxCost", "15")));
        var client = k.Route("r"); // each call costs 10 (10 input tokens at 1,000,000 per million)

        await client.GetResponseAsync("1");
        await client.GetResponseAsync("2");
        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetResponseAsync("3"));

        Assert.Equal(15m, ex.Limit);
        Assert.Equal(20m, ex.Spent);
        Assert.Equal(2, k.Plugin.Client("a", "m1").Calls);
    }

    [Fact]
    public async Task Tenant_request_limit_refuses_with_RateLimitExceededException_until_the_window_passes()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("RateLimits:Tenants:*:RequestsPerMinute", "2")));
        var client = k.Route("r");
        using var scope = AiCallContext.Begin(new("contoso", "wf"));

        await client.GetResponseAsync("1");
        await client.GetResponseAsync("2");
        var ex = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.GetResponseAsync("3"));
        Assert.Contains("contoso", ex.Scope, StringComparison.Ordinal);
        Assert.NotNull(ex.RetryAfter);

        k.Time.Advance(TimeSpan.FromMinutes(1));
        await client.GetResponseAsync("4");
        Assert.Equal(3, k.Plugin.Client("a", "m1").Calls);
    }

    [Fact]
    public async Task Tenant_token_limit_refuses_once_the_minutes_tokens_are_used()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("RateLimits:Tenants:contoso:TokensPerMinute", "15")));
        using var scope = AiCallContext.Begin(new("contoso", "wf"));

        await k.Route("r").GetResponseAsync("uses 15 tokens");

        await Assert.ThrowsAsync<RateLimitExceededException>(() => k.Route("r").GetResponseAsync("2"));
    }

    [Fact]
    public async Task A_target_over_its_request_limit_is_skipped_to_the_next_target()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("RateLimits:Targets:a:RequestsPerMinute", "1")));
        k.Plugin.Client("a", "m1").Reply("from a");
        k.Plugin.Client("b", "m1").Reply("from b");

        Assert.Equal("from a", (await k.Route("r").GetResponseAsync("1")).Text);
        Assert.Equal("from b", (await k.Route("r").GetResponseAsync("2")).Text);
        k.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("from a", (await k.Route("r").GetResponseAsync("3")).Text);
    }

    [Fact]
    public async Task A_target_over_its_token_limit_is_skipped_and_when_all_are_the_route_fails_with_the_reason()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(
            ("RateLimits:Targets:a/m1:TokensPerMinute", "10"), ("RateLimits:Targets:b:TokensPerMinute", "10")));

        await k.Route("r").GetResponseAsync("a: 15 tokens");
        await k.Route("r").GetResponseAsync("b: 15 tokens");
        var ex = await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("r").GetResponseAsync("3"));

        Assert.All(ex.Attempts, a => Assert.Contains("tokens per minute", a.Reason, StringComparison.Ordinal));
        Assert.All(ex.Attempts, a => Assert.Equal(AiFailureReason.CircuitOpen, a.Kind));
        Assert.Equal(AiFailureReason.CircuitOpen, ex.Reason);
        Assert.True(ex.IsTransient);
        Assert.InRange(ex.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
        Assert.Equal(1, k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public async Task A_same_target_retry_is_a_request_and_is_refused_by_the_targets_limit_so_the_call_moves_on()
    {
        // Target a may take 1 request a minute. Its first answer is a 503, which the kernel would retry on a: that retry
        // is a second provider request, so the limit refuses it and the call moves to b instead of breaching a's limit.
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("RateLimits:Targets:a:RequestsPerMinute", "1")));
        k.Plugin.Client("a", "m1").Throw(new ProviderException(AiFailureReason.Unavailable, "a", "HTTP 503", 503)).Reply("from a");
        k.Plugin.Client("b", "m1").Reply("from b");

        var response = await k.Route("r").GetResponseAsync("1");

        Assert.Equal("from b", response.Text);
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
    }

    [Fact]
    public async Task A_budget_spent_during_a_call_refuses_the_calls_next_provider_request_a_repair_included()
    {
        // The budget allows 15 tokens. The function's first answer (10 + 5 tokens) breaks its schema, so the kernel
        // would send a repair prompt: that request is refused by the now spent budget, on this target and every other.
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(
            ("Budgets:tight:Tenant", "*"), ("Budgets:tight:Route", "r"), ("Budgets:tight:Period", "Daily"), ("Budgets:tight:MaxTokens", "15")));
        k.Plugin.Client("a", "m1")
            .Reply("""{"verdict":"strong","score":"high","evidence":"Led a team"}""")
            .Reply("""{"verdict":"strong","score":80,"evidence":"Led a team"}""");
        k.Plugin.Client("b", "m1").Reply("""{"verdict":"strong","score":80,"evidence":"Led a team"}""");

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() =>
            k.Get<Functions.IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), new ScoreInput("Jane Doe", "Led a team of 5 engineers.")));

        Assert.Equal(AiFailureReason.BudgetExceeded, ex.Reason);
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public async Task An_embedding_target_over_its_request_limit_is_skipped_to_the_next_target()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("RateLimits:Targets:a:RequestsPerMinute", "1")));
        _ = k.Plugin.Client("a", "m1");
        var generator = k.Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(Routing.RouteKeys.Embeddings("r"));

        await generator.GenerateAsync(["one"]);
        await generator.GenerateAsync(["two"]);

        Assert.Equal(1, k.Plugin.Embedders["a/m1"].Calls);
        Assert.Equal(1, k.Plugin.Embedders["b/m1"].Calls);
    }

    [Fact]
    public async Task An_embedding_request_past_a_spent_budget_is_refused_before_the_provider()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(
            ("Budgets:tight:Tenant", "*"), ("Budgets:tight:Route", "r"), ("Budgets:tight:Period", "Daily"), ("Budgets:tight:MaxTokens", "4")));
        _ = k.Plugin.Client("a", "m1");
        var generator = k.Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(Routing.RouteKeys.Embeddings("r"));
        await generator.GenerateAsync(["one"]); // 4 tokens

        await Assert.ThrowsAsync<BudgetExceededException>(() => generator.GenerateAsync(["two"]));

        Assert.Equal(1, k.Plugin.Embedders["a/m1"].Calls);
    }
}
