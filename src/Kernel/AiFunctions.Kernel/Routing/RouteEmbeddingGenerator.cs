using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Routing;

/// <summary>The embedding generator of one route (keyed <see cref="RouteKeys.Embeddings"/>), through the route executor.</summary>
internal sealed class RouteEmbeddingGenerator(RouteRuntime route, RouteExecutor executor) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("aifunctions-route", null, route.Name);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var request = (Values: values as IReadOnlyCollection<string> ?? values.ToArray(), Options: options);
        return await executor.ExecuteAsync(route, request, static async (attempt, r, token) =>
        {
            var result = await attempt.EmbeddingGenerator.GenerateAsync(r.Values, r.Options, token).ConfigureAwait(false);
            attempt.RecordUsage(result.Usage);
            return result;
        }, cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The provider generators belong to the DI container.
    }
}
