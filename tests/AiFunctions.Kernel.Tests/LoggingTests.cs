using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests;

public sealed class LoggingTests
{
    private const string Secret = "SECRET-RESUME-TEXT-4711";

    [Fact]
    public async Task Failures_are_logged_with_route_target_and_kind_but_never_prompt_or_response_text()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        // The provider echoes the prompt in its error message, as some SDKs do: even that must not reach the log.
        k.Plugin.Client("a", "m1").Step((messages, _) => throw new ProviderException(AiFailureReason.Unavailable, "a", "HTTP 500 for " + messages[^1].Text, 500));
        k.Plugin.Client("b", "m1").Step((messages, _) => throw new ProviderException(AiFailureReason.BadRequest, "b", "HTTP 400 for " + messages[^1].Text, 400));

        await Assert.ThrowsAsync<ProviderException>(() => k.Route("r").GetResponseAsync(Secret));
        await Assert.ThrowsAsync<ProviderException>(() => k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), new ScoreInput("Jane", Secret)));

        var records = k.Logs.GetSnapshot();
        Assert.NotEmpty(records);
        Assert.Contains(records, r => r.Message.Contains("a/m1", StringComparison.Ordinal) && r.Message.Contains("Unavailable (HTTP 500)", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains("b/m1", StringComparison.Ordinal) && r.Message.Contains("BadRequest (HTTP 400)", StringComparison.Ordinal));
        foreach (var record in records)
        {
            Assert.DoesNotContain(Secret, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, record.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
            Assert.All(record.StructuredState ?? [], kv => Assert.DoesNotContain(Secret, kv.Value ?? string.Empty, StringComparison.Ordinal));
        }
    }
}
