using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.AI;

namespace AiFunctions.Benchmarks;

/// <summary>A plugin whose every instance/model is the same <see cref="InMemoryChatClient"/>.</summary>
public sealed class BenchPlugin(IChatClient client) : IProviderPlugin
{
    public PluginManifest Manifest { get; } = new("bench", "Benchmark fake", new Version(1, 0), ContractRange.Major1,
        ProviderCapabilities.Chat, true, "In-memory provider for benchmarks.");

    public void RegisterInstance(ProviderInstanceContext context)
    {
        foreach (var model in context.GetRequiredModels("List a model."))
        {
            context.AddChatClient(model, _ => client);
        }
    }
}
