using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Kernel.Tests;

public sealed class RoutingTests
{
    private static ProviderException Unavailable(string instance) => new(AiFailureReason.Unavailable, instance, "HTTP 503", 503);

    [Fact]
    public async Task Failover_uses_targets_in_order_and_stops_at_the_first_success()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("a", "m1").Reply("from a");
        k.Plugin.Client("b", "m1").Reply("from b");

        var response = await k.Route("r").GetResponseAsync("hi");

        Assert.Equal("from a", response.Text);
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public async Task Failover_moves_to_the_next_target_when_the_first_fails()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("a", "m1").Throw(Unavailable("a"));
        k.Plugin.Client("b", "m1").Reply("from b");

        var response = await k.Route("r").GetResponseAsync("hi");

        Assert.Equal("from b", response.Text);
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
    }

    [Fact]
    public async Task All_targets_failing_gives_RouteFailedException_listing_each_target()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("a", "m1").Throw(Unavailable("a"));
        k.Plugin.Client("b", "m1").Throw(new ProviderException(AiFailureReason.RateLimited, "b", "HTTP 429", 429));

        var ex = await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("r").GetResponseAsync("hi"));

        Assert.Equal(["a/m1", "b/m1"], ex.Attempts.Select(a => a.Target));
        Assert.Equal(AiFailureReason.RateLimited, ex.Attempts[1].Kind);
        Assert.Contains("a/m1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_request_stops_at_once_without_retry_or_failover()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:MaxRetries", "3")));
        k.Plugin.Client("a", "m1").Throw(new ProviderException(AiFailureReason.BadRequest, "a", "HTTP 400: invalid max_tokens", 400));

        var ex = await Assert.ThrowsAsync<ProviderException>(() => k.Route("r").GetResponseAsync("hi"));

        Assert.Equal(AiFailureReason.BadRequest, ex.Reason);
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public async Task Unauthorized_is_not_retried_but_fails_over_to_the_next_instance()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:MaxRetries", "3")));
        k.Plugin.Client("a", "m1").Throw(new ProviderException(AiFailureReason.Unauthorized, "a", "HTTP 401", 401));
        k.Plugin.Client("b", "m1").Reply("from b");

        var response = await k.Route("r").GetResponseAsync("hi");

        Assert.Equal("from b", response.Text);
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
    }

    [Fact]
    public async Task Weighted_split_follows_the_weights_and_falls_back_to_the_rest()
    {
        using var k = KernelHarness.Create(KernelHarness.TwoInstances(
            ("Routes:w:Strategy", "Weighted"),
            ("Routes:w:Redact", "false"),
            ("Routes:w:MaxRetries", "0"),
            ("Routes:w:Targets:0:Provider", "a"), ("Routes:w:Targets:0:Model", "m1"), ("Routes:w:Targets:0:Weight", "3"),
            ("Routes:w:Targets:1:Provider", "b"), ("Routes:w:Targets:1:Model", "m1"), ("Routes:w:Targets:1:Weight", "1")));
        var client = k.Route("w");

        for (var i = 0; i < 2000; i++)
        {
            await client.GetResponseAsync("hi");
        }

        var a = k.Plugin.Client("a", "m1").Calls;
        Assert.Equal(2000, a + k.Plugin.Client("b", "m1").Calls);
        Assert.InRange(a / 2000.0, 0.70, 0.80); // 3:1 → 75 %

        k.Plugin.Client("a", "m1").Throw(Unavailable("a"));
        k.Plugin.Client("b", "m1").Throw(Unavailable("b"));
        var ex = await Assert.ThrowsAsync<RouteFailedException>(() => client.GetResponseAsync("hi"));
        Assert.Equal(2, ex.Attempts.Count);
    }

    private static KernelHarness WeightedHarness() => KernelHarness.Create(KernelHarness.TwoInstances(
        ("Routes:w:Strategy", "Weighted"),
        ("Routes:w:Redact", "false"),
        ("Routes:w:MaxRetries", "0"),
        ("Routes:w:Targets:0:Provider", "a"), ("Routes:w:Targets:0:Model", "m1"), ("Routes:w:Targets:0:Weight", "1"),
        ("Routes:w:Targets:1:Provider", "b"), ("Routes:w:Targets:1:Model", "m1"), ("Routes:w:Targets:1:Weight", "1")));

    [Fact]
    public async Task Weighted_route_with_an_affinity_key_starts_every_call_of_that_key_on_one_target_and_keys_still_split()
    {
        using var k = WeightedHarness();
        var client = k.Route("w");
        var firstTargets = new Dictionary<string, string>();
        for (var key = 0; key < 200; key++)
        {
            var before = (k.Plugin.Client("a", "m1").Calls, k.Plugin.Client("b", "m1").Calls);
            using (AiCallContext.Begin(new("t", "screening") { Targeting = RouteTargetPreference.Affinity($"batch-{key}") }))
            {
                for (var call = 0; call < 10; call++)
                {
                    await client.GetResponseAsync("hi");
                }
            }

            var (a, b) = (k.Plugin.Client("a", "m1").Calls - before.Item1, k.Plugin.Client("b", "m1").Calls - before.Item2);
            Assert.True(a == 10 || b == 10, $"batch-{key}: {a} calls on a, {b} on b; one key must stay on one target.");
            firstTargets[$"batch-{key}"] = a == 10 ? "a" : "b";
        }

        // Keys still split by weight (1:1): a stable hash, not one fixed target.
        Assert.InRange(firstTargets.Values.Count(t => t == "a"), 70, 130);
    }

    [Fact]
    public async Task An_exclusive_target_is_the_only_one_tried_and_its_failure_is_not_failed_over()
    {
        using var k = WeightedHarness();
        k.Plugin.Client("a", "m1").Reply("from a");
        k.Plugin.Client("b", "m1").Throw(Unavailable("b"));
        using var scope = AiCallContext.Begin(new("t", "screening") { Targeting = RouteTargetPreference.Only("b/m1") });

        var ex = await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("w").GetResponseAsync("hi"));

        Assert.Equal(["b/m1"], ex.Attempts.Select(a => a.Target));
        Assert.True(ex.IsTransient);
        Assert.Equal(0, k.Plugin.Client("a", "m1").Calls);
    }

    [Fact]
    public async Task A_preferred_target_the_route_does_not_have_fails_permanently_naming_the_routes_targets()
    {
        using var k = WeightedHarness();
        using var scope = AiCallContext.Begin(new("t", "screening") { Targeting = RouteTargetPreference.Only("gone/m9") });

        var ex = await Assert.ThrowsAsync<ProviderException>(() => k.Route("w").GetResponseAsync("hi"));

        Assert.Equal(AiFailureReason.NotSupported, ex.Reason);
        Assert.False(ex.IsTransient);
        Assert.Contains("a/m1, b/m1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, k.Plugin.Client("a", "m1").Calls + k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public async Task A_non_exclusive_preferred_target_goes_first_and_fails_over_to_the_rest()
    {
        using var k = WeightedHarness();
        k.Plugin.Client("a", "m1").Reply("from a");
        k.Plugin.Client("b", "m1").Throw(Unavailable("b"));
        using var scope = AiCallContext.Begin(new("t", "screening") { Targeting = new RouteTargetPreference(Target: "b/m1") });

        var response = await k.Route("w").GetResponseAsync("hi");

        Assert.Equal("from a", response.Text);
        Assert.Equal(1, k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public async Task Route_temperature_and_max_tokens_apply_when_the_caller_sets_none()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:Temperature", "0.2"), ("Routes:r:MaxOutputTokens", "321")));

        await k.Route("r").GetResponseAsync("hi");
        await k.Route("r").GetResponseAsync("hi", new ChatOptions { Temperature = 0.9f });

        var requests = k.Plugin.Client("a", "m1").Requests;
        Assert.Equal(0.2f, requests[0].Options!.Temperature);
        Assert.Equal(321, requests[0].Options!.MaxOutputTokens);
        Assert.Equal(0.9f, requests[1].Options!.Temperature);
    }

    [Fact]
    public async Task Embedding_route_fails_over_and_accounts_usage()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        var generator = k.Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(Routing.RouteKeys.Embeddings("r"));
        _ = k.Plugin.Client("a", "m1");
        k.Plugin.Embedders["a/m1"].Failure = Unavailable("a");

        var result = await generator.GenerateAsync(["one", "three"]);

        Assert.Equal(2, result.Count);
        Assert.Equal(1, k.Plugin.Embedders["b/m1"].Calls);
        Assert.Equal(8, k.Get<Accounting.IUsageLedger>().TotalsBy(Accounting.UsageDimension.Target)["b/m1"].InputTokens);
    }

    [Fact]
    public async Task A_target_that_cannot_chat_fails_over_and_its_plugin_explanation_reaches_the_route_error()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("a", "m1").Throw(new ProviderException(AiFailureReason.NotSupported, "a", "plugin 'fake' is not a generative model; use an AI function."));
        k.Plugin.Client("b", "m1").Throw(new ProviderException(AiFailureReason.NotSupported, "b", "plugin 'fake' is not a generative model; use an AI function."));

        var ex = await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("r").GetResponseAsync("hi"));

        Assert.Contains("not a generative model", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, k.Plugin.Client("b", "m1").Calls);
    }
}
