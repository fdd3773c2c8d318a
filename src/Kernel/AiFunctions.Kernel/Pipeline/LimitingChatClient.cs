using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Pipeline;

/// <summary>
/// Refuses a chat request to <paramref name="target"/> before it reaches the provider when the tenant's budget for the
/// route is spent or the target is over the kernel's limit (<see cref="KernelLimitsGate"/>). Streams are checked before
/// the first update is asked for.
/// </summary>
internal sealed class LimitingChatClient(IChatClient innerClient, KernelLimitsGate gate, RouteTarget target) : DelegatingChatClient(innerClient)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        gate.Check(target);
        return base.GetResponseAsync(messages, options, cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        gate.Check(target);
        return base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }
}
