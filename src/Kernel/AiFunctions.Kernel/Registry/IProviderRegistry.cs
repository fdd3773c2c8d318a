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
public sealed record ProviderInstanceInfo(string Instance, PluginManifest Plugin, IReadOnlyList<string> Models)
{
    /// <summary>
    /// The replica group the operator declared for this instance (<c>AiFunctions:Providers:{instance}:ReplicaGroup</c>):
    /// instances of one group serve the same model deployment (e.g. one Azure OpenAI model version in two regions), so a
    /// model served by any of them is one scorer (<see cref="ReplicaKey"/>). Null (the default): the instance is its own group.
    /// </summary>
    public string? ReplicaGroup { get; init; }

    /// <summary>
    /// "group/model" when the instance declares a <see cref="ReplicaGroup"/>, else "instance/model" (the target key): what
    /// produced an answer, up to replicas. The model always stays in the key, so a group never merges two models.
    /// </summary>
    public string ReplicaKey(string model) => $"{ReplicaGroup ?? Instance}/{model}";
}
