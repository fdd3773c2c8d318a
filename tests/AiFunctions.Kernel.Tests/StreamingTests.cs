using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests;

public sealed class StreamingTests
{
    [Fact]
    public async Task A_failure_before_the_first_update_fails_over_to_the_next_target()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("a", "m1").Throw(new ProviderException(AiFailureReason.Unavailable, "a", "HTTP 502", 502));
        k.Plugin.Client("b", "m1").StreamParts = ["from", " b"];

        var text = "";
        await foreach (var update in k.Route("r").GetStreamingResponseAsync("hi"))
        {
            text += update.Text;
        }

        Assert.Equal("from b", text);
        Assert.Equal(1, k.Plugin.Client("a", "m1").Calls);
        var usage = k.Get<Accounting.IUsageLedger>().TotalsBy(Accounting.UsageDimension.Target);
        Assert.Equal(7, usage["b/m1"].InputTokens);
        Assert.False(usage.ContainsKey("a/m1"));
    }

    [Fact]
    public async Task A_break_after_the_first_update_throws_StreamInterruptedException_and_never_ends_silently()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        var a = k.Plugin.Client("a", "m1");
        a.StreamParts = ["one", "two", "three"];
        a.StreamFailAfter = 1;
        var received = new List<string>();

        var ex = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
        {
            await foreach (var update in k.Route("r").GetStreamingResponseAsync("hi"))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(["one"], received);
        Assert.Equal(1, ex.UpdatesReceived);
        Assert.Equal("a/m1", ex.Target);
        Assert.Equal("r", ex.Route);
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public async Task Streaming_through_a_redacting_route_restores_placeholders_split_across_updates()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:Redact", "true")));
        var a = k.Plugin.Client("a", "m1");
        a.StreamParts = ["Write to [EMA", "IL_1] today"];

        var text = "";
        await foreach (var update in k.Route("r").GetStreamingResponseAsync("Contact jane.doe@example.com please"))
        {
            text += update.Text;
        }

        Assert.Equal("Write to jane.doe@example.com today", text);
        Assert.DoesNotContain("jane.doe", a.Requests[0].Messages[0].Text, StringComparison.Ordinal);
    }
}
