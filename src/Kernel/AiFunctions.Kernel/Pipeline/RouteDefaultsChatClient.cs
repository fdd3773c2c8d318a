using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Pipeline;

/// <summary>
/// Applies a route's <see cref="RouteOptions.Temperature"/> and <see cref="RouteOptions.MaxOutputTokens"/> where the
/// caller's <see cref="ChatOptions"/> leave them unset (the caller's values win). The one place route defaults are merged,
/// for route calls and AI functions alike. The caller's options object is never modified (a clone is passed on).
/// </summary>
public sealed class RouteDefaultsChatClient(IChatClient innerClient, float? temperature, int? maxOutputTokens) : DelegatingChatClient(innerClient)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Apply(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Apply(options), cancellationToken);

    private ChatOptions? Apply(ChatOptions? options)
    {
        if ((temperature is null || options?.Temperature is not null) && (maxOutputTokens is null || options?.MaxOutputTokens is not null))
        {
            return options;
        }

        var merged = options?.Clone() ?? new ChatOptions();
        merged.Temperature ??= temperature;
        merged.MaxOutputTokens ??= maxOutputTokens;
        return merged;
    }
}
