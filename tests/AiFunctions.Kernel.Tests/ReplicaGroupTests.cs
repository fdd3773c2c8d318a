using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Plugins;
using AiFunctions.Kernel.Registry;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// <c>AiFunctions:Providers:{instance}:ReplicaGroup</c> (issue 8 item 4): instances the operator declares replicas of one
/// model deployment are one identity for the scorer key and for "only this target" calls, while provenance still names
/// the instance that answered; bad declarations fail start-up naming the setting.
/// </summary>
public sealed class ReplicaGroupTests
{
    private const string Answer = """{"verdict":"strong","score":82,"evidence":"Led a team of 5 engineers"}""";

    private static readonly ScoreInput Input = new("Jane Doe", "Led a team of 5 engineers.");

    private static ProviderException Unavailable(string instance) => new(AiFailureReason.Unavailable, instance, "HTTP 503", 503);

    /// <summary>a and b replicas of group "m1-eu"; c a third instance outside it; route r: a, b, c (failover).</summary>
    private static Dictionary<string, string?> Replicas(params (string Key, string? Value)[] extra) =>
        KernelHarness.FailoverRoute([
            ("Providers:a:ReplicaGroup", "m1-eu"),
            ("Providers:b:ReplicaGroup", "m1-eu"),
            ("Providers:c:Plugin", "fake"), ("Providers:c:Models:0", "m1"),
            ("Routes:r:Targets:2:Provider", "c"), ("Routes:r:Targets:2:Model", "m1"),
            .. extra]);

    private static AiKernelConfigurationException Fails(Dictionary<string, string?> settings, params IProviderPlugin[] plugins) =>
        Assert.Throws<AiKernelConfigurationException>(() => new ServiceCollection().AddAiKernel(KernelHarness.Config(settings), k =>
        {
            foreach (var plugin in plugins)
            {
                k.AddPlugin(plugin);
            }
        }));

    [Fact]
    public async Task A_failover_between_replicas_keeps_the_group_in_the_provenance_and_names_the_instance_that_answered()
    {
        using var k = KernelHarness.Create(Replicas());
        k.Plugin.Client("a", "m1").Throw(Unavailable("a"));
        k.Plugin.Client("b", "m1").Reply(Answer);

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        Assert.Equal(("b", "m1-eu", "m1"), (result.Provenance.ProviderInstance, result.Provenance.ReplicaGroup, result.Provenance.Model));
        Assert.Equal("m1-eu", k.Get<IProviderRegistry>().GetInstance("a").ReplicaGroup);
        Assert.Null(k.Get<IProviderRegistry>().GetInstance("c").ReplicaGroup);
        Assert.Equal("c/m1", k.Get<IProviderRegistry>().GetInstance("c").ReplicaKey("m1"));
    }

    [Fact]
    public async Task An_instance_without_a_group_has_none_in_its_provenance()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("a", "m1").Reply(Answer);

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        Assert.Equal("a", result.Provenance.ProviderInstance);
        Assert.Null(result.Provenance.ReplicaGroup);
    }

    [Fact]
    public async Task Only_the_group_tries_its_replicas_in_route_order_and_never_a_target_outside_it()
    {
        using var k = KernelHarness.Create(Replicas());
        k.Plugin.Client("a", "m1").Throw(Unavailable("a"));
        k.Plugin.Client("b", "m1").Throw(Unavailable("b"));
        k.Plugin.Client("c", "m1").Reply("from c");
        using var scope = AiCallContext.Begin(new("t", "screening") { Targeting = RouteTargetPreference.Only("m1-eu/m1") });

        var ex = await Assert.ThrowsAsync<RouteFailedException>(() => k.Route("r").GetResponseAsync("hi"));

        Assert.Equal(["a/m1", "b/m1"], ex.Attempts.Select(a => a.Target));
        Assert.Equal(0, k.Plugin.Client("c", "m1").Calls);
    }

    [Fact]
    public async Task Only_the_group_answers_from_the_second_replica_when_the_first_fails()
    {
        using var k = KernelHarness.Create(Replicas());
        k.Plugin.Client("a", "m1").Throw(Unavailable("a"));
        k.Plugin.Client("b", "m1").Reply(Answer);
        using var scope = AiCallContext.Begin(new("t", "screening") { Targeting = RouteTargetPreference.Only("m1-eu/m1") });

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        Assert.Equal("b", result.Provenance.ProviderInstance);
    }

    [Fact]
    public async Task A_group_and_model_the_route_does_not_serve_fails_permanently_naming_the_groups()
    {
        using var k = KernelHarness.Create(Replicas());
        using var scope = AiCallContext.Begin(new("t", "screening") { Targeting = RouteTargetPreference.Only("m1-eu/m2") });

        var ex = await Assert.ThrowsAsync<ProviderException>(() => k.Route("r").GetResponseAsync("hi"));

        Assert.Equal(AiFailureReason.NotSupported, ex.Reason);
        Assert.Contains("a/m1 (replica group m1-eu/m1)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, k.Plugin.Client("a", "m1").Calls + k.Plugin.Client("b", "m1").Calls + k.Plugin.Client("c", "m1").Calls);
    }

    [Fact]
    public void Replicas_serving_different_models_keep_the_model_in_their_replica_key()
    {
        using var k = KernelHarness.Create(Replicas());
        var a = k.Get<IProviderRegistry>().GetInstance("a");

        Assert.Equal("m1-eu/m1", a.ReplicaKey("m1"));
        Assert.Equal("m1-eu/m2", a.ReplicaKey("m2"));
    }

    [Fact]
    public async Task A_transient_failure_goes_to_the_replica_at_once_without_same_target_retries()
    {
        using var k = KernelHarness.Create(Replicas(("Routes:r:MaxRetries", "2"), ("Routes:r:RetryBaseDelay", "00:00:01")));
        var a = k.Plugin.Client("a", "m1").Throw(Unavailable("a"));
        k.Plugin.Client("b", "m1").Reply("from b");

        // No backoff on a: the call completes without the fake clock moving.
        var response = await k.Route("r").GetResponseAsync("hi").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("from b", response.Text);
        Assert.Equal(1, a.Calls);
    }

    [Fact]
    public async Task A_throttled_replica_is_kept_out_for_its_Retry_After_while_the_other_replica_serves()
    {
        using var k = KernelHarness.Create(Replicas(("Routes:r:MaxRetries", "2")));
        var a = k.Plugin.Client("a", "m1")
            .Throw(new ProviderException(AiFailureReason.RateLimited, "a", "HTTP 429", 429, TimeSpan.FromSeconds(2)))
            .Reply("from a");
        var b = k.Plugin.Client("b", "m1").Reply("from b");

        Assert.Equal("from b", (await k.Route("r").GetResponseAsync("hi").WaitAsync(TimeSpan.FromSeconds(5))).Text);
        Assert.Equal("from b", (await k.Route("r").GetResponseAsync("hi").WaitAsync(TimeSpan.FromSeconds(5))).Text);
        Assert.Equal((1, 2), (a.Calls, b.Calls));

        k.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("from a", (await k.Route("r").GetResponseAsync("hi").WaitAsync(TimeSpan.FromSeconds(5))).Text);
    }

    [Fact]
    public async Task Without_an_available_replica_next_the_routes_retries_apply_as_configured()
    {
        // b is not a replica of a here (no group on b): a is retried MaxRetries times before the failover, as before.
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(
            ("Providers:a:ReplicaGroup", "m1-eu"), ("Routes:r:MaxRetries", "2"), ("Routes:r:RetryBaseDelay", "00:00:00.001")));
        var a = k.Plugin.Client("a", "m1").Throw(Unavailable("a"));
        k.Plugin.Client("b", "m1").Reply("from b");

        var response = await k.AdvanceUntilDoneAsync(k.Route("r").GetResponseAsync("hi"));

        Assert.Equal("from b", response.Text);
        Assert.Equal(3, a.Calls);
    }

    [Fact]
    public async Task The_last_replica_of_a_group_keeps_its_retries()
    {
        // Exclusive to the group: a fails over to b at once; b, the last replica, is retried as the route says.
        using var k = KernelHarness.Create(Replicas(("Routes:r:MaxRetries", "1"), ("Routes:r:RetryBaseDelay", "00:00:00.001")));
        k.Plugin.Client("a", "m1").Throw(Unavailable("a"));
        var b = k.Plugin.Client("b", "m1").Throw(Unavailable("b")).Reply("from b");
        using var scope = AiCallContext.Begin(new("t", "screening") { Targeting = RouteTargetPreference.Only("m1-eu/m1") });

        var response = await k.AdvanceUntilDoneAsync(k.Route("r").GetResponseAsync("hi"));

        Assert.Equal("from b", response.Text);
        Assert.Equal((1, 2), (k.Plugin.Client("a", "m1").Calls, b.Calls));
    }

    [Theory]
    [InlineData("east/west")]
    [InlineData("gpt@eu")]
    [InlineData("a:b")]
    [InlineData("  ")]
    [InlineData("x1234567890123456789012345678901234567890123456789012345678901234")]
    public void A_replica_group_that_cannot_be_part_of_a_scorer_key_fails_start_up_naming_the_setting(string group)
    {
        var ex = Fails(KernelHarness.TwoInstances(("Providers:a:ReplicaGroup", group)), new FakePlugin());

        var problem = Assert.Single(ex.Problems, p => p.Contains("'AiFunctions:Providers:a:ReplicaGroup'", StringComparison.Ordinal));
        Assert.Contains("letters, digits", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replica_group_named_like_a_provider_instance_fails_start_up()
    {
        var ex = Fails(KernelHarness.TwoInstances(("Providers:a:ReplicaGroup", "B"), ("Providers:b:ReplicaGroup", "B")), new FakePlugin());

        Assert.Contains(ex.Problems, p => p.Contains("'AiFunctions:Providers:a:ReplicaGroup' is 'B', which is also the key of provider instance 'b'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_replica_group_mixing_plugins_fails_start_up_naming_the_instances_and_their_plugins()
    {
        var settings = KernelHarness.TwoInstances(
            ("Providers:a:ReplicaGroup", "g"),
            ("Providers:o:Plugin", "other"), ("Providers:o:Models:0", "m1"), ("Providers:o:ReplicaGroup", "g"));

        var ex = Fails(settings, new FakePlugin(), new FakePlugin("other"));

        var problem = Assert.Single(ex.Problems, p => p.Contains("Replica group 'g' mixes plugins", StringComparison.Ordinal));
        Assert.Contains("'a' uses 'fake'", problem, StringComparison.Ordinal);
        Assert.Contains("'o' uses 'other'", problem, StringComparison.Ordinal);
        Assert.Contains("AiFunctions:Providers:{instance}:ReplicaGroup", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Replica_groups_differing_only_in_case_fail_start_up()
    {
        var ex = Fails(KernelHarness.TwoInstances(("Providers:a:ReplicaGroup", "Gpt-EU"), ("Providers:b:ReplicaGroup", "gpt-eu")), new FakePlugin());

        Assert.Contains(ex.Problems, p => p.Contains("'Gpt-EU' and 'gpt-eu' differ only in case", StringComparison.Ordinal));
    }

    [Fact]
    public void The_replica_group_check_guards_IOptions_on_start_too()
    {
        using var services = new ServiceCollection().AddAiKernel(KernelHarness.Config(Replicas()), k => k.AddPlugin(new FakePlugin())).BuildServiceProvider();

        services.GetRequiredService<IStartupValidator>().Validate();
        var providers = services.GetRequiredService<IOptions<ProviderInstancesOptions>>().Value.Providers;
        Assert.Equal("m1-eu", providers["b"].ReplicaGroup);
        var bad = new ProviderInstancesOptionsValidator().Validate(null, new ProviderInstancesOptions { Providers = { ["x"] = new() { Plugin = "fake", ReplicaGroup = "a/b" } } });
        Assert.True(bad.Failed);
        Assert.Contains("'AiFunctions:Providers:x:ReplicaGroup'", bad.FailureMessage, StringComparison.Ordinal);
    }
}
