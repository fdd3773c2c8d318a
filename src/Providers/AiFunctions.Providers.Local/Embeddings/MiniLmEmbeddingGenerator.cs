using Microsoft.Extensions.AI;

namespace AiFunctions.Providers.Local.Embeddings;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> over the offline all-MiniLM-L6-v2 model: 384-dimension,
/// unit-length vectors. Runs in process, so usage reports zero tokens (nothing is billed).
/// </summary>
internal sealed class MiniLmEmbeddingGenerator(MiniLmEncoder encoder) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new(LocalProviderPlugin.PluginId, defaultModelId: LocalModels.MiniLM, defaultModelDimensions: MiniLmEncoder.Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var created = DateTimeOffset.UtcNow;
        var embeddings = values
            .Select(v => new Embedding<float>(encoder.Encode(v, cancellationToken)) { ModelId = LocalModels.MiniLM, CreatedAt = created })
            .ToList();
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(embeddings)
        {
            Usage = new UsageDetails { InputTokenCount = 0, OutputTokenCount = 0, TotalTokenCount = 0 },
        });
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // The encoder is a shared singleton owned by the container.
    }
}
