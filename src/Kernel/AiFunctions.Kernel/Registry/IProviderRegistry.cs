using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Registry;

/// <summary>
/// The configured providers: plugins, their instances, models, capabilities and versions (this list feeds the
/// management UI), and resolution of an instance's clients by key.
/// </summary>
public interface IProviderRegistry
{
    IReadOnlyList<PluginManifest> Plugins { get; }

    IReadOnlyList<ProviderInstanceInfo> Instances { get; }

    ProviderInstanceInfo GetInstance(string instance);

    /// <summary>The instance's chat client for a model; a clear error when the instance cannot chat or lacks the model.</summary>
    IChatClient GetChatClient(string instance, string model);

    IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string instance, string model);
}

/// <summary>One configured instance of a plugin.</summary>
public sealed record ProviderInstanceInfo(string Instance, PluginManifest Plugin, IReadOnlyList<string> Models);
