using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Pipeline;

/// <summary><see cref="ChatClientBuilder"/> and <see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/> extensions for the kernel's limits and budgets.</summary>
internal static class LimitingBuilderExtensions
{
    /// <summary>Checks the tenant's budgets for the route and <paramref name="target"/>'s request and token limits before every chat request.</summary>
    public static ChatClientBuilder UseLimitsAndBudgets(this ChatClientBuilder builder, KernelLimitsGate gate, RouteTarget target) =>
        builder.Use(inner => new LimitingChatClient(inner, gate, target));

    /// <summary>Checks the tenant's budgets for the route and <paramref name="target"/>'s request and token limits before every embedding request.</summary>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseLimitsAndBudgets(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, KernelLimitsGate gate, RouteTarget target) =>
        builder.Use(inner => new LimitingEmbeddingGenerator(inner, gate, target));
}
