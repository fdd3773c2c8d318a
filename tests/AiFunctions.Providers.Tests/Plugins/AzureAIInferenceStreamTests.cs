using System.Diagnostics;
using AiFunctions.Kernel.Errors;
using AiFunctions.Providers.AzureAIInference;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Microsoft.Extensions.AI;
using Xunit;

namespace AiFunctions.Providers.Tests.Plugins;

/// <summary>
/// The azure-ai-inference plugin's own stream reader, against the defects of Azure.AI.Inference 1.0.0-beta.5's SSE
/// enumerator (it reads again forever when a body ends without <c>[DONE]</c>, and its reads ignore the cancellation
/// token): every way a stream can stop early ends the call promptly with a classified failure, never a hang.
/// </summary>
public sealed class AzureAIInferenceStreamTests : IAsyncLifetime
{
    private const string Model = "Mistral-Large-2411";
    private static readonly List<ChatMessage> Question = [new(ChatRole.User, "Is this a stream test?")];
    private FakeProviderServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeProviderServer.StartAsync(new AzureAIInferenceWire());

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private IChatClient Chat(string networkTimeout = "00:01:40") => PluginSettings.Register(new AzureAIInferenceProviderPlugin(),
        ("Endpoint", new Uri(_fake.BaseAddress, "models").ToString()), ("ApiKey", "k"), ("Models:0", Model), ("NetworkTimeout", networkTimeout)).Chat(Model);

    private static FakeReply.Raw Sse(string body) => new(200, "text/event-stream", body);

    private static async Task<(string Text, Exception? Error)> DrainAsync(IChatClient chat, CancellationToken cancellationToken = default)
    {
        var text = new System.Text.StringBuilder();
        try
        {
            await foreach (var update in chat.GetStreamingResponseAsync(Question, cancellationToken: cancellationToken))
            {
                text.Append(update.Text);
            }
        }
        catch (Exception ex)
        {
            return (text.ToString(), ex);
        }

        return (text.ToString(), null);
    }

    [Fact]
    public async Task Stream_whose_body_ends_without_DONE_or_a_finish_reason_fails_as_Unavailable_instead_of_reading_forever()
    {
        _fake.DefaultReply = Sse("data: {\"id\":\"c1\",\"model\":\"m\",\"created\":1700000000,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello from\"},\"finish_reason\":null}]}\n\n");

        var (text, error) = await DrainAsync(Chat()).WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Equal("Hello from", text);
        var failure = Assert.IsType<ProviderException>(error);
        Assert.Equal(AiFailureReason.Unavailable, failure.Reason);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task Stream_with_a_finish_reason_but_no_DONE_completes_with_the_whole_text_and_its_usage()
    {
        _fake.DefaultReply = Sse(
            "data: {\"id\":\"c1\",\"model\":\"m\",\"created\":1700000000,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n" +
            "data: {\"id\":\"c1\",\"model\":\"m\",\"created\":1700000000,\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}\n\n");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Chat().GetStreamingResponseAsync(Question, cancellationToken: CancellationToken.None)
            .WithCancellation(CancellationToken.None))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.Equal("Hello", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(4, response.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task Stalled_stream_stops_within_seconds_when_the_caller_cancels_not_after_the_network_timeout()
    {
        _fake.DefaultReply = new FakeReply.StreamStall("Hello from", TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource();
        cancel.CancelAfter(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var (text, error) = await DrainAsync(Chat(), cancel.Token).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal("Hello from", text);
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"cancellation took {clock.Elapsed}");
    }

    [Fact]
    public async Task Stalled_stream_fails_as_Timeout_after_the_plugins_network_timeout()
    {
        _fake.DefaultReply = new FakeReply.StreamStall("Hello from", TimeSpan.FromMinutes(5));

        var (text, error) = await DrainAsync(Chat(networkTimeout: "00:00:02"), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal("Hello from", text);
        var failure = Assert.IsType<ProviderException>(error);
        Assert.Equal(AiFailureReason.Timeout, failure.Reason);
        Assert.True(failure.IsTransient);
    }

    [Theory]
    [InlineData("data: {\"error\":{\"code\":\"server_error\",\"message\":\"the prompt said: secret\"}}\n\n", AiFailureReason.Unavailable)]
    [InlineData("data: <html>bad gateway</html>\n\n", AiFailureReason.MalformedResponse)]
    [InlineData("data: [1,2]\n\n", AiFailureReason.MalformedResponse)]
    public async Task Error_or_unreadable_event_inside_a_200_stream_is_a_classified_failure_that_never_copies_the_message(string body, AiFailureReason expected)
    {
        _fake.DefaultReply = Sse("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n" + body);

        var (_, error) = await DrainAsync(Chat(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None);

        var failure = Assert.IsType<ProviderException>(error);
        Assert.Equal(expected, failure.Reason);
        Assert.DoesNotContain("secret", failure.Message, StringComparison.Ordinal);
    }
}
