using System.Diagnostics;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Errors;
using AiFunctions.Providers.Anthropic;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.Providers.Tests.Faults;

/// <summary>Anthropic Messages API faults from public bug reports, on a two-target route through the real SDK.</summary>
public sealed class AnthropicFaultTests
{
    private const string Healthy = "Hello from the fake provider.";
    private static readonly List<ChatMessage> Question = [new(ChatRole.User, "Is this a fault test?")];

    private const string MessageStart =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\"," +
        "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}\n\n";

    private const string Overloaded =
        "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";

    private static Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides) =>
        FaultRoute.StartAsync(
            () => new AnthropicWire(), "anthropic", "claude-test",
            fake => [new("BaseUrl", fake.ToString()), new("ApiKey", "anthropic-faults"), new("MaxOutputTokens", "256")],
            k => k.AddAnthropicProvider(),
            overrides);

    [Fact]
    public async Task Overloaded_error_event_before_any_text_fails_the_stream_over_to_the_next_target()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = new FakeReply.Raw(200, "text/event-stream", MessageStart + Overloaded);
        var clock = Stopwatch.StartNew();

        var text = string.Empty;
        await foreach (var update in route.Chat.GetStreamingResponseAsync(Question))
        {
            text += update.Text;
        }

        Assert.Equal(Healthy, text); // not a broken stream after the empty message_start
        Assert.Equal(3, route.Primary.RequestCount); // Unavailable: the first try and the route's 2 retries, then the next target
        Assert.Equal(1, route.Secondary.RequestCount);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Overloaded_error_event_after_text_is_a_StreamInterrupted_not_a_silent_short_answer()
    {
        await using var route = await StartAsync();
        var text = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n" +
                   "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Partial\"}}\n\n";
        route.Primary.DefaultReply = new FakeReply.Raw(200, "text/event-stream", MessageStart + text + Overloaded);

        var received = string.Empty;
        var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
        {
            await foreach (var update in route.Chat.GetStreamingResponseAsync(Question))
            {
                received += update.Text;
            }
        });

        Assert.Equal("Partial", received);
        Assert.True(error.IsTransient);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Input_tokens_from_message_start_and_output_tokens_from_message_delta_are_both_booked_once()
    {
        await using var route = await StartAsync();
        var ledger = route.Services.GetRequiredService<IUsageLedger>();

        await foreach (var _ in route.Chat.GetStreamingResponseAsync(Question))
        {
        }

        Assert.Equal(ProviderWire.PromptTokens, ledger.Total.InputTokens);
        Assert.Equal(ProviderWire.CompletionTokens, ledger.Total.OutputTokens);
    }

    [Fact]
    public async Task Status_529_overloaded_fails_over_after_the_routes_retries()
    {
        await using var route = await StartAsync(("MaxRetries", "1"));
        route.Primary.DefaultReply = new FakeReply.Error(529);

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(2, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Prompt_too_long_is_ContextLengthExceeded_and_permanent()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = new FakeReply.Raw(400, "application/json",
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 215000 tokens > 200000 maximum\"}}");

        var error = await Assert.ThrowsAnyAsync<AiKernelException>(() => route.Chat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.ContextLengthExceeded, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(0, route.Secondary.RequestCount);
    }
}
