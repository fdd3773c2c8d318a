using Microsoft.Extensions.AI;

namespace AiFunctions.Benchmarks;

/// <summary>The provider stand-in: answers at once with one prebuilt response (with usage), so only the path around it is measured.</summary>
public sealed class InMemoryChatClient : IChatClient
{
    private readonly Task<ChatResponse> _response = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Thanks, we will be in touch."))
    {
        Usage = new UsageDetails { InputTokenCount = 120, OutputTokenCount = 40, TotalTokenCount = 160 },
    });

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => _response;

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
