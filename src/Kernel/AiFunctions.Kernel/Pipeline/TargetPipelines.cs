using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Caching;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Registry;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace AiFunctions.Kernel.Pipeline;

/// <summary>
/// Builds the one chat pipeline of each route target with <see cref="ChatClientBuilder"/>; route calls
/// (<see cref="RouteChatClient"/>) and AI functions (the invoker's structured output and repair) both call it, inside
/// the route executor's failover and per-target resilience. Order, outermost first:
/// <list type="number">
/// <item><c>UseRouteDefaults</c>: the route's Temperature / MaxOutputTokens where the call leaves them unset;</item>
/// <item><c>UseRedaction</c> (routes with Redact): personal data out of every outbound message, originals back into the answer;</item>
/// <item><c>UseRouteCache</c> (routes with CacheDuration): identical redacted requests answered from the cache, keyed by route and target;</item>
/// <item><c>UseLimitsAndBudgets</c>: before every provider request (retries and repairs included), the tenant's budgets for the route (spent → the call stops) and the target's request and token limits (over → the route moves to its next target); a cached answer is free and not counted;</item>
/// <item><c>UseUsageAccounting</c>: tokens and cost of every provider answer to the ledger, budgets, token limits and metrics;</item>
/// <item><c>UseOpenTelemetry</c>: M.E.AI's gen_ai client span and metrics (source <see cref="KernelTelemetry.ActivitySourceName"/>), sensitive data off;</item>
/// <item><c>UseFailureReason</c>: a failed call's kernel reason on that span (<see cref="KernelTelemetry.FailureReasonAttribute"/>);</item>
/// <item>the plugin's keyed client, whose outermost layer is <c>UseProviderErrorTranslation</c> (SDK failures → the failure taxonomy).</item>
/// </list>
/// The tenant's own rate limit (admission, once per call), the circuit breaker, retry, the attempt timeout and failover
/// are the route executor's, around this pipeline. Shadow pipelines have no limits layer: a shadow checks its own
/// budget and its target's limit once before its single attempt (<see cref="Functions.AiFunctionInvoker"/>).
/// </summary>
internal sealed class TargetPipelines(IProviderRegistry registry, UsageAccountant accountant, IPiiRedactor redactor, Func<IDistributedCache> cache, KernelLimitsGate? gate)
{
    public IChatClient For(RouteRuntime route, RouteTarget target) =>
        target.ChatClient ??= Build(route, target, registry.GetChatClient(target.Instance, target.Model));

    /// <summary>The target's embedding pipeline: <c>UseLimitsAndBudgets</c> around the plugin's keyed generator (usage is booked by the route's generator).</summary>
    public IEmbeddingGenerator<string, Embedding<float>> EmbeddingsFor(RouteTarget target) =>
        target.EmbeddingGenerator ??= BuildEmbeddings(target, registry.GetEmbeddingGenerator(target.Instance, target.Model));

    private IEmbeddingGenerator<string, Embedding<float>> BuildEmbeddings(RouteTarget target, IEmbeddingGenerator<string, Embedding<float>> provider)
    {
        var builder = new EmbeddingGeneratorBuilder<string, Embedding<float>>(provider);
        if (gate is not null)
        {
            builder.UseLimitsAndBudgets(gate, target);
        }

        return builder.Build();
    }

    internal IChatClient Build(RouteRuntime route, RouteTarget target, IChatClient provider)
    {
        var options = route.Options;
        var builder = new ChatClientBuilder(provider)
            .UseRouteDefaults(options.Temperature, options.MaxOutputTokens);
        if (options.Redact)
        {
            builder.UseRedaction(redactor);
        }

        if (options.CacheDuration is { } ttl && ttl > TimeSpan.Zero)
        {
            builder.UseRouteCache(cache(), ttl, "route:" + route.Name, "target:" + target.Key);
        }

        if (gate is not null)
        {
            builder.UseLimitsAndBudgets(gate, target);
        }

        return builder
            .UseUsageAccounting(accountant, target)
            .UseOpenTelemetry(loggerFactory: null, sourceName: KernelTelemetry.ActivitySourceName, configure: static otel => otel.EnableSensitiveData = false)
            .UseFailureReason()
            .Build();
    }
}
