using System.Runtime.CompilerServices;
using AiFunctions.Kernel.Errors;
using Microsoft.Extensions.AI;

namespace AiFunctions.Providers.Local.Chat;

/// <summary>
/// The Local plugin's chat client: it refuses every request with <see cref="AiFailureReason.NotSupported"/>
/// because Local runs no generative model. It exists so a route that sends chat to Local fails with a clear
/// message (and the kernel fails over to the route's next target) instead of receiving invented text.
/// </summary>
internal sealed class NotGenerativeChatClient(string instance, string model) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new(LocalProviderPlugin.PluginId, defaultModelId: model);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromException<ChatResponse>(Refusal());

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        throw Refusal();
#pragma warning disable CS0162 // An async iterator needs a yield; the refusal comes on the first MoveNextAsync, like an SDK error.
        yield break;
#pragma warning restore CS0162
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
    }

    private ProviderException Refusal() => new(
        AiFailureReason.NotSupported,
        instance,
        $"model '{model}' of the Local plugin is not a generative model and cannot answer chat requests. Local serves embeddings " +
        $"('{LocalModels.MiniLM}') and deterministic native HR functions ('{LocalModels.HrRules}'). Route chat to a generative " +
        "provider (azure-openai, openai, anthropic or ollama) under AiFunctions:Routes.");
}
