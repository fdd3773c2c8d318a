using System.Runtime.CompilerServices;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Pipeline;

/// <summary>
/// Refuses a chat request to <paramref name="target"/> before it reaches the provider when the tenant's budget for the
/// route is spent or the target is over the kernel's limit (<see cref="KernelLimitsGate"/>). Streams are checked before
/// the first update is asked for. A check that completes at once (in-process state) costs no extra allocation; one that
/// waits for the shared store is awaited.
/// </summary>
internal sealed class LimitingChatClient(IChatClient innerClient, KernelLimitsGate gate, RouteTarget target) : DelegatingChatClient(innerClient)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var check = gate.CheckAsync(target);
        return check.IsCompletedSuccessfully ? base.GetResponseAsync(messages, options, cancellationToken) : AfterCheckAsync(check, messages, options, cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var check = gate.CheckAsync(target);
        return check.IsCompletedSuccessfully ? base.GetStreamingResponseAsync(messages, options, cancellationToken) : StreamAfterCheckAsync(check, messages, options, cancellationToken);
    }

    private async Task<ChatResponse> AfterCheckAsync(ValueTask check, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        await check.ConfigureAwait(false);
        return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAfterCheckAsync(ValueTask check, IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await check.ConfigureAwait(false);
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }
}
