using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Pipeline;
using AiFunctions.Kernel.Registry;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Routing;

/// <summary>
/// What an attempt delegate gets for one target: the target, its chat pipeline and embedding generator (built once
/// and cached on the target) and a way to book usage that does not come through the chat pipeline (native functions,
/// embeddings).
/// </summary>
internal sealed class RouteAttempt(RouteRuntime route, RouteTarget target, int number, AiCallContext call, IProviderRegistry registry, TargetPipelines pipelines, UsageAccountant accountant)
{
    public RouteRuntime Route { get; } = route;

    public RouteTarget Target { get; } = target;

    /// <summary>1 for the route's first target tried in this call, 2 for the next, …</summary>
    public int Number { get; } = number;

    public AiCallContext Call { get; } = call;

    /// <summary>This attempt is a hedge: the same call started on a replica while an earlier attempt had not answered (<see cref="RouteOptions.HedgingDelay"/>).</summary>
    public bool IsHedge { get; init; }

    /// <summary>A hedge ran beside this attempt or this attempt is one: two replicas were asked and the other was cancelled (or failed).</summary>
    public bool Hedged { get; set; }

    /// <summary>Provider calls made on this target (retries and repairs included).</summary>
    public int Calls { get; set; }

    private TaskCompletionSource? _admitted;

    private IDisposable? _slot;

    /// <summary>
    /// Completes when the attempt is past the kernel's own queue (it holds its target's concurrency slot, or the target
    /// has no limit) and goes to the provider: the hedging delay counts from here, so waiting for a slot is no stall.
    /// Tracked only for an attempt that may be hedged (<see cref="TrackAdmission"/>, before it starts); otherwise
    /// already complete.
    /// </summary>
    internal Task Admitted => _admitted?.Task ?? Task.CompletedTask;

    /// <summary>Makes <see cref="Admitted"/> wait for <see cref="MarkAdmitted"/>: call before the attempt starts.</summary>
    internal void TrackAdmission() => _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal void MarkAdmitted() => _admitted?.TrySetResult();

    /// <summary>
    /// Takes over the target's concurrency slot (<c>AiFunctions:ConcurrencyLimits</c>) that this attempt holds, for a
    /// result that keeps using the provider after the attempt returns: a stream read on after its first content. The
    /// taker disposes it when the provider's work ends; null without a limit (or when already taken).
    /// </summary>
    public IDisposable? TakeSlot() => Interlocked.Exchange(ref _slot, null);

    /// <summary>Holds the slot the executor acquired for this attempt (released by <see cref="ReleaseSlot"/> unless taken).</summary>
    internal void HoldSlot(IDisposable? slot) => _slot = slot;

    /// <summary>Frees the attempt's slot when the attempt ends, unless its result took it over.</summary>
    internal void ReleaseSlot() => Interlocked.Exchange(ref _slot, null)?.Dispose();

    /// <summary>The target's one chat pipeline (see <see cref="TargetPipelines"/>).</summary>
    public IChatClient ChatClient => pipelines.For(Route, Target);

    /// <summary>The target's embedding pipeline (see <see cref="TargetPipelines.EmbeddingsFor"/>).</summary>
    public IEmbeddingGenerator<string, Embedding<float>> EmbeddingGenerator => pipelines.EmbeddingsFor(Target);

    public IProviderRegistry Registry => registry;

    /// <summary>Books usage that did not come through the chat pipeline (null = none, e.g. a native function) and returns it priced.</summary>
    public CallUsage RecordUsage(UsageDetails? usage)
    {
        var priced = accountant.Record(Target, Call, usage);
        CallUsageScope.Current?.Add(priced);
        return priced;
    }
}
