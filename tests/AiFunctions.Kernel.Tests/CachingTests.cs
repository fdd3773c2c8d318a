using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests;

public sealed class CachingTests
{
    [Fact]
    public async Task Identical_requests_on_a_caching_route_reach_the_provider_once_and_are_accounted_once()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:CacheDuration", "00:05:00")));
        var a = k.Plugin.Client("a", "m1").Reply("first").Reply("second");

        var one = await k.Route("r").GetResponseAsync("same question");
        var two = await k.Route("r").GetResponseAsync("same question");
        var other = await k.Route("r").GetResponseAsync("another question");

        Assert.Equal("first", one.Text);
        Assert.Equal("first", two.Text);
        Assert.Equal("second", other.Text);
        Assert.Equal(2, a.Calls);
        Assert.Equal(20, k.Get<Accounting.IUsageLedger>().Total.InputTokens);
    }

    [Fact]
    public async Task Routes_without_CacheDuration_do_not_cache()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());

        await k.Route("r").GetResponseAsync("same question");
        await k.Route("r").GetResponseAsync("same question");

        Assert.Equal(2, k.Plugin.Client("a", "m1").Calls);
    }
}
