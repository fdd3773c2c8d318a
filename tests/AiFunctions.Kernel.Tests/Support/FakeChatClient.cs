using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests.Support;

/// <summary>
/// An in-memory chat client whose answers are scripted: each call takes the next step (the last one repeats).
/// A step returns a response or throws. Records every request it got.
/// </summary>
public sealed class FakeChatClient(string name) : IChatClient
{
    private readonly List<Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>>> _steps = [];
    private int _cancelled;
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

    public FakeChatClient Step(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> step) =>
        AsyncStep((messages, options, _) => Task.FromResult(step(messages, options)));

    /// <summary>A step that completes later (or never): gets the call's cancellation token; a cancellation is counted in <see cref="Cancelled"/>.</summary>
    public FakeChatClient AsyncStep(Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> step)
    {
        _steps.Add(async (messages, options, token) =>
        {
            try
            {
                return await step(messages, options, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
        });
        return this;
    }

    /// <summary>A provider that never answers (a stalled connection) until the call is cancelled.</summary>
    public FakeChatClient Stall() => AsyncStep(async (_, _, token) =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, token).ConfigureAwait(false);
        throw new InvalidOperationException("unreachable");
    });

    /// <summary>A provider that answers (or fails) when the test completes <paramref name="gate"/>.</summary>
    public FakeChatClient Gate(TaskCompletionSource<ChatResponse> gate) => AsyncStep((_, _, token) => gate.Task.WaitAsync(token));

    /// <summary>Calls whose cancellation token was cancelled while this fake had not answered.</summary>
    public int Cancelled => Volatile.Read(ref _cancelled);

    public static ChatResponse Response(string text, long input = 10, long output = 5, long cached = 0) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output, CachedInputTokenCount = cached },
        };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> step;
        lock (_lock)
        {
            Requests.Add((list, options));
            step = _steps.Count == 0 ? (_, _, _) => Task.FromResult(Response("ok")) : _steps[Math.Min(Requests.Count - 1, _steps.Count - 1)];
        }

        return step(list, options, cancellationToken);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>>? step;
        lock (_lock)
        {
            Requests.Add((messages.ToList(), options));
            step = _steps.Count == 0 ? null : _steps[Math.Min(Requests.Count - 1, _steps.Count - 1)];
        }

        await Task.Yield();
        if (step is not null)
        {
            await step([], options, cancellationToken).ConfigureAwait(false); // a throwing (or stalling) step fails before the first update
        }
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
