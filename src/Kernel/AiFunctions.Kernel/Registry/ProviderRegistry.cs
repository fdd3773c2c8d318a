using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Kernel.Registry;

internal sealed class ProviderRegistry(IServiceProvider services, IReadOnlyList<PluginManifest> plugins, IReadOnlyList<ProviderInstanceInfo> instances) : IProviderRegistry
{
    private readonly Dictionary<string, ProviderInstanceInfo> _byKey = instances.ToDictionary(i => i.Instance, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<PluginManifest> Plugins { get; } = plugins;

    public IReadOnlyList<ProviderInstanceInfo> Instances { get; } = instances;

    public ProviderInstanceInfo GetInstance(string instance) =>
        _byKey.TryGetValue(instance, out var info)
            ? info
            : throw new KeyNotFoundException($"No provider instance '{instance}' is configured. Configured: {string.Join(", ", _byKey.Keys.Order())}.");

    public IChatClient GetChatClient(string instance, string model)
    {
        var info = GetInstance(instance);
        return services.GetKeyedService<IChatClient>(ProviderKeys.Chat(info.Instance, model))
            ?? throw new ProviderException(AiFailureReason.NotSupported, info.Instance,
                info.Plugin.Supports(ProviderCapabilities.Chat)
                    ? $"model '{model}' is not configured for this instance (Models: {string.Join(", ", info.Models)})."
                    : $"plugin '{info.Plugin.Id}' does not offer chat. {info.Plugin.Description}");
    }

    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string instance, string model)
    {
        var info = GetInstance(instance);
        return services.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(ProviderKeys.Embeddings(info.Instance, model))
            ?? throw new ProviderException(AiFailureReason.NotSupported, info.Instance,
                info.Plugin.Supports(ProviderCapabilities.Embeddings)
                    ? $"model '{model}' is not configured for embeddings on this instance (Models: {string.Join(", ", info.Models)})."
                    : $"plugin '{info.Plugin.Id}' does not offer embeddings.");
    }
}
