using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using AiFunctions.Kernel.Registry;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Kernel.Tests;

public sealed class StartupTests
{
    private static AiKernelConfigurationException Fails(Dictionary<string, string?> settings, params IProviderPlugin[] plugins) =>
        Assert.Throws<AiKernelConfigurationException>(() => new ServiceCollection().AddAiKernel(KernelHarness.Config(settings), k =>
        {
            foreach (var plugin in plugins)
            {
                k.AddPlugin(plugin);
            }
        }));

    [Theory]
    [InlineData("Resilience:CircuitBreaker:FailureRatio", "1.5")]
    [InlineData("Resilience:CircuitBreaker:MinimumThroughput", "1")]
    [InlineData("Resilience:CircuitBreaker:BreakDuration", "00:00:00.100")]
    [InlineData("Resilience:QuotaCooldown", "-00:00:01")]
    [InlineData("RateLimits:Tenants:*:RequestsPerMinute", "0")]
    [InlineData("RateLimits:Targets:a:TokensPerMinute", "-5")]
    [InlineData("Redaction:PhoneRegions:0", "XX")]
    public void A_bad_kernel_option_fails_start_up_naming_the_setting(string key, string value)
    {
        var ex = Fails(KernelHarness.TwoInstances((key, value)), new FakePlugin());

        var path = "AiFunctions:" + (key.EndsWith(":0", StringComparison.Ordinal) ? key[..^2] : key);
        Assert.Contains(ex.Problems, p => p.Contains($"'{path}'", StringComparison.Ordinal) && p.Contains(value, StringComparison.Ordinal));
    }

    [Fact]
    public void Kernel_options_are_validated_on_start_through_IOptions_too()
    {
        // The same validators guard IOptions<T> (ValidateOnStart): what AddAiKernel registered passes with the defaults.
        using var services = new ServiceCollection().AddAiKernel(KernelHarness.Config(KernelHarness.TwoInstances()), k => k.AddPlugin(new FakePlugin())).BuildServiceProvider();

        services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        Assert.Equal(TimeSpan.FromMinutes(5), services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Resilience.ResilienceOptions>>().Value.QuotaCooldown);
    }

    [Fact]
    public void Unknown_plugin_names_the_instance_setting_and_the_known_plugins()
    {
        var ex = Fails(new() { ["Providers:x:Plugin"] = "nope", ["Providers:x:Models:0"] = "m" }, new FakePlugin());

        Assert.Contains("AiFunctions:Providers:x:Plugin", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("fake", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plugin_whose_contract_range_excludes_the_kernel_is_refused()
    {
        var ex = Fails(new() { ["Providers:x:Plugin"] = "old", ["Providers:x:Models:0"] = "m" },
            new FakePlugin("old", contract: new ContractRange(new Version(0, 1), new Version(1, 0))));

        Assert.Contains("Plugin 'old'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[0.1, 1.0)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_plugin_id_is_refused()
    {
        var ex = Fails([], new FakePlugin("dup"), new FakePlugin("dup"));

        Assert.Contains("'dup'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_with_unknown_instance_or_model_or_no_targets_lists_every_problem()
    {
        var ex = Fails(KernelHarness.TwoInstances(
            ("Routes:r1:Targets:0:Provider", "ghost"), ("Routes:r1:Targets:0:Model", "m1"),
            ("Routes:r2:Targets:0:Provider", "a"), ("Routes:r2:Targets:0:Model", "m9"),
            ("Routes:r3:Strategy", "Failover")), new FakePlugin());

        Assert.Equal(3, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.Contains("'ghost'", StringComparison.Ordinal) && p.Contains("AiFunctions:Routes:r1:Targets:0:Provider", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("'m9'", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("Route 'r3' has no targets", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_options_out_of_range_are_refused_with_the_setting_path()
    {
        var ex = Fails(KernelHarness.FailoverRoute(("Routes:r:Timeout", "3.00:00:00"), ("Routes:r:MaxRetries", "-1"), ("Routes:r:CacheDuration", "00:00:00")), new FakePlugin());

        Assert.Equal(3, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.Contains("AiFunctions:Routes:r:Timeout", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("MaxRetries", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("CacheDuration", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_required_setting_names_the_setting_path()
    {
        var ex = Fails(new() { ["Providers:x:Plugin"] = "fake", ["Providers:x:Models:0"] = "m" }, new FakePlugin(requiredSetting: "Endpoint"));

        Assert.Contains("AiFunctions:Providers:x:Endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Budget_without_a_limit_and_bad_rate_limits_are_refused()
    {
        var ex = Fails(KernelHarness.TwoInstances(("Budgets:b:Tenant", "t"), ("RateLimits:Tenants:*:RequestsPerMinute", "0")), new FakePlugin());

        Assert.Contains(ex.Problems, p => p.Contains("AiFunctions:Budgets:b:MaxTokens", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("RateLimits:Tenants:*", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_configuration_registers_route_clients_and_the_registry_lists_plugins_and_instances()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());

        var registry = k.Get<IProviderRegistry>();

        Assert.Equal(["a", "b"], registry.Instances.Select(i => i.Instance));
        Assert.Equal("fake", Assert.Single(registry.Plugins).Id);
        Assert.NotNull(k.Route("r"));
        Assert.Throws<InvalidOperationException>(() => k.Route("unknown"));
    }
}
