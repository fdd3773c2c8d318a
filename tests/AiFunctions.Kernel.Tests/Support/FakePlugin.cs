using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Kernel.Tests.Support;

/// <summary>A tiny provider plugin over <see cref="FakeChatClient"/>s: one client per instance/model, created on demand.</summary>
public sealed class FakePlugin(string id = "fake", bool generative = true, ContractRange? contract = null, string? requiredSetting = null) : IProviderPlugin
{
    public Dictionary<string, FakeChatClient> Clients { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Clients that replace the scripted fake for an "instance/model" key.</summary>
    public Dictionary<string, IChatClient> Custom { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, FakeEmbeddingGenerator> Embedders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Native function registrations to add per instance.</summary>
    public List<(string Instance, Action<IServiceCollection, string> Register)> Natives { get; } = [];

    public PluginManifest Manifest { get; } = new(id, "Fake " + id, new Version(1, 2, 3), contract ?? ContractRange.Major1,
        ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Embeddings | ProviderCapabilities.JsonSchemaOutput | ProviderCapabilities.NativeFunctions,
        generative, "In-memory fake for kernel tests.");

    public FakeChatClient Client(string instance, string model) =>
        Clients.TryGetValue($"{instance}/{model}", out var c) ? c : Clients[$"{instance}/{model}"] = new FakeChatClient($"{instance}/{model}");

    public void RegisterInstance(ProviderInstanceContext context)
    {
        if (requiredSetting is not null)
        {
            context.GetRequiredSetting(requiredSetting, "Set it to anything for the fake.");
        }

        foreach (var model in context.GetRequiredModels("List the fake's models."))
        {
            var key = $"{context.InstanceKey}/{model}";
            IChatClient client = Custom.TryGetValue(key, out var custom) ? custom : Client(context.InstanceKey, model);
            context.AddChatClient(model, _ => client);
            var embedder = Embedders.TryGetValue(key, out var e) ? e : Embedders[key] = new FakeEmbeddingGenerator();
            context.AddEmbeddingGenerator(model, _ => embedder);
        }

        foreach (var (instance, register) in Natives)
        {
            if (string.Equals(instance, context.InstanceKey, StringComparison.OrdinalIgnoreCase))
            {
                register(context.Services, context.InstanceKey);
            }
        }
    }
}

public sealed class FakeEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Calls { get; private set; }

    public Exception? Failure { get; set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        if (Failure is not null)
        {
            throw Failure;
        }

        var list = values.Select(v => new Embedding<float>(new[] { v.Length, 1f })).ToList();
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(list) { Usage = new UsageDetails { InputTokenCount = list.Count * 4 } });
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
