using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Caching;
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
/// <item><c>UseUsageAccounting</c>: tokens and cost of every provider answer to the ledger, budgets, token limits and metrics;</item>
/// <item><c>UseOpenTelemetry</c>: M.E.AI's gen_ai client span and metrics (source <see cref="KernelTelemetry.ActivitySourceName"/>), sensitive data off;</item>
/// <item><c>UseFailureReason</c>: a failed call's kernel reason on that span (<see cref="KernelTelemetry.FailureReasonAttribute"/>);</item>
/// <item>the plugin's keyed client, whose outermost layer is <c>UseProviderErrorTranslation</c> (SDK failures → the failure taxonomy).</item>
/// </list>
/// Rate limits, budgets (checked before a call), the circuit breaker, retry, the attempt timeout and failover are the
/// route executor's, around this pipeline.
/// </summary>
internal sealed class TargetPipelines(IProviderRegistry registry, UsageAccountant accountant, IPiiRedactor redactor, Func<IDistributedCache> cache)
{
    public IChatClient For(RouteRuntime route, RouteTarget target) =>
        target.ChatClient ??= Build(route, target, registry.GetChatClient(target.Instance, target.Model));

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

        return builder
            .UseUsageAccounting(accountant, target)
            .UseOpenTelemetry(loggerFactory: null, sourceName: KernelTelemetry.ActivitySourceName, configure: static otel => otel.EnableSensitiveData = false)
            .UseFailureReason()
            .Build();
    }
}
