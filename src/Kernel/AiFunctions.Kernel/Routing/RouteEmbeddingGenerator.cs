using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Routing;

/// <summary>
/// The embedding generator of one route (keyed <see cref="RouteKeys.Embeddings"/>), through the route executor, on the
/// route's settings when each call starts (run-time changes apply to the next call).
/// </summary>
internal sealed class RouteEmbeddingGenerator(RouteTable routes, string name, RouteExecutor executor) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("aifunctions-route", null, name);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var request = (Values: values as IReadOnlyCollection<string> ?? values.ToArray(), Options: options);
        return await executor.ExecuteAsync(routes.Get(name), request, static async (attempt, r, token) =>
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
