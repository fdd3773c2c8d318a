using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// Run-time route changes (<see cref="IRouteOverrides"/>): validated by the start-up rules, applied to the next call of
/// the route's existing client (and of AI functions, which read the table per call), baseline kept, and never a torn
/// route under concurrent calls.
/// </summary>
public sealed class RouteOverrideTests
{
    private static RouteOptions OnB(RoutingStrategy strategy = RoutingStrategy.Failover) => new()
    {
        Strategy = strategy,
        Redact = false,
        MaxRetries = 0,
        Targets = [new RouteTargetOptions { Provider = "B", Model = "M1" }], // spelled differently: canonicalised like start-up
    };

    [Fact]
    public async Task The_next_call_of_the_existing_route_client_uses_the_applied_settings_and_null_restores_the_baseline()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("a", "m1").Reply("from a");
        k.Plugin.Client("b", "m1").Reply("from b");
        var client = k.Route("r");
        var overrides = k.Get<IRouteOverrides>();
        Assert.Equal("from a", (await client.GetResponseAsync("hi")).Text);

        overrides.Apply("R", OnB());

        Assert.Equal("from b", (await client.GetResponseAsync("hi")).Text);
        Assert.Equal("b", overrides.Current("r").Targets.Single().Provider);
        Assert.Equal(2, overrides.Baseline("r").Targets.Count);

        overrides.Apply("r", null);

        Assert.Equal("from a", (await client.GetResponseAsync("hi")).Text);
    }

    [Fact]
    public void Validation_is_the_start_up_validation_with_its_messages()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        var overrides = k.Get<IRouteOverrides>();
        var bad = new RouteOptions
        {
            Timeout = TimeSpan.FromHours(48),
            Targets = [new RouteTargetOptions { Provider = "nowhere", Model = "m1" }, new RouteTargetOptions { Provider = "a", Model = "m1", Weight = 0 }],
        };

        var problems = overrides.Validate("r", bad);

        Assert.Contains(problems, p => p.Contains("'AiFunctions:Routes:r:Targets:0:Provider' is 'nowhere', which is not a configured provider instance", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'AiFunctions:Routes:r:Targets:1:Weight' is 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'AiFunctions:Routes:r:Timeout' is 2.00:00:00", StringComparison.Ordinal));
        var thrown = Assert.Throws<AiKernelConfigurationException>(() => overrides.Apply("r", bad));
        Assert.Equal(problems, thrown.Problems);
        Assert.Empty(overrides.Validate("r", OnB()));
    }

    [Fact]
    public void Only_configured_routes_can_be_changed()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        var overrides = k.Get<IRouteOverrides>();

        var ex = Assert.Throws<KeyNotFoundException>(() => overrides.Apply("new-route", OnB()));

        Assert.Contains("only configured routes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["r"], overrides.Routes);
        Assert.False(overrides.Contains("new-route"));
    }

    [Fact]
    public void The_caller_cannot_change_an_applied_route_through_the_instance_it_passed_or_got()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        var overrides = k.Get<IRouteOverrides>();
        var settings = OnB();

        overrides.Apply("r", settings);
        settings.Targets[0].Provider = "a";
        overrides.Current("r").Targets.Clear();

        Assert.Equal("b", overrides.Current("r").Targets.Single().Provider);
    }

    [Fact]
    public async Task Calls_running_while_routes_change_each_see_one_whole_route()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("a", "m1").Reply("from a");
        k.Plugin.Client("b", "m1").Reply("from b");
        var client = k.Route("r");
        var overrides = k.Get<IRouteOverrides>();
        using var stop = new CancellationTokenSource();
        var changer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                overrides.Apply("r", i % 2 == 0 ? OnB() : null);
            }
        });

        var answers = await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => Task.Run(() => client.GetResponseAsync("hi"))));
        await stop.CancelAsync();
        await changer;

        Assert.All(answers, a => Assert.Contains(a.Text, new[] { "from a", "from b" }));
    }
}
