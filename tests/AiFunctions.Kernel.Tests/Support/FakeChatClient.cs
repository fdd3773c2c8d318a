using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests.Support;

/// <summary>
/// An in-memory chat client whose answers are scripted: each call takes the next step (the last one repeats).
/// A step returns a response or throws. Records every request it got.
/// </summary>
public sealed class FakeChatClient(string name) : IChatClient
{
    private readonly List<Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse>> _steps = [];
    private readonly Lock _lock = new();

    public string Name { get; } = name;

    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = [];

    public int Calls
    {
        get
        {
            lock (_lock)
            {
                return Requests.Count;
            }
        }
    }

    /// <summary>Streaming: updates to yield; an exception after <see cref="StreamFailAfter"/> updates when set.</summary>
    public List<string> StreamParts { get; set; } = ["Hello", " world"];

    public int? StreamFailAfter { get; set; }

    public Exception? StreamFailure { get; set; }

    public FakeChatClient Reply(string text, long input = 10, long output = 5, long cached = 0) =>
        Step((_, _) => Response(text, input, output, cached));

    public FakeChatClient Throw(Exception ex) => Step((_, _) => throw ex);

    public FakeChatClient Step(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> step)
    {
        _steps.Add(step);
        return this;
    }

    public static ChatResponse Response(string text, long input = 10, long output = 5, long cached = 0) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output, CachedInputTokenCount = cached },
        };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> step;
        lock (_lock)
        {
            Requests.Add((list, options));
            step = _steps.Count == 0 ? (_, _) => Response("ok") : _steps[Math.Min(Requests.Count - 1, _steps.Count - 1)];
        }

        return Task.FromResult(step(list, options));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse>? step;
        lock (_lock)
        {
            Requests.Add((messages.ToList(), options));
            step = _steps.Count == 0 ? null : _steps[Math.Min(Requests.Count - 1, _steps.Count - 1)];
        }

        await Task.Yield();
        step?.Invoke([], options); // a throwing step fails before the first update
        for (var i = 0; i < StreamParts.Count; i++)
        {
            if (StreamFailAfter == i)
            {
                throw StreamFailure ?? new HttpRequestException("stream cut");
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, StreamParts[i]);
        }

        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, Contents = [new UsageContent(new UsageDetails { InputTokenCount = 7, OutputTokenCount = 3 })] };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
