using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Pipeline;

/// <summary>The embedding counterpart of <see cref="LimitingChatClient"/>: budgets and the target's limits before each request.</summary>
internal sealed class LimitingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, KernelLimitsGate gate, RouteTarget target)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(innerGenerator)
{
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var check = gate.CheckAsync(target);
        return check.IsCompletedSuccessfully ? base.GenerateAsync(values, options, cancellationToken) : AfterCheckAsync(check, values, options, cancellationToken);
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> AfterCheckAsync(ValueTask check, IEnumerable<string> values, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        await check.ConfigureAwait(false);
        return await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
    }
}
