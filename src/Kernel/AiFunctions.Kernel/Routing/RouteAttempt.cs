using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Registry;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Routing;

/// <summary>
/// What an attempt delegate gets for one target: the target, its clients (resolved once and cached) and a way to
/// book the usage of each provider response it receives.
/// </summary>
internal sealed class RouteAttempt(RouteRuntime route, RouteTarget target, AiCallContext call, IProviderRegistry registry, UsageAccountant accountant)
{
    public RouteRuntime Route { get; } = route;

    public RouteTarget Target { get; } = target;

    public AiCallContext Call { get; } = call;

    /// <summary>Provider calls made on this target (retries and repairs included).</summary>
    public int Calls { get; set; }

    public IChatClient ChatClient => Target.ChatClient ??= registry.GetChatClient(Target.Instance, Target.Model);

    public IEmbeddingGenerator<string, Embedding<float>> EmbeddingGenerator =>
        Target.EmbeddingGenerator ??= registry.GetEmbeddingGenerator(Target.Instance, Target.Model);

    public IProviderRegistry Registry => registry;

    /// <summary>Books one provider response's usage (null = none, e.g. a native function) and returns it priced.</summary>
    public CallUsage RecordUsage(UsageDetails? usage) => accountant.Record(Target, Call, usage);
}
