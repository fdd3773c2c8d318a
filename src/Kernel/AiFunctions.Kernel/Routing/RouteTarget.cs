using Microsoft.Extensions.AI;
using AiFunctions.Kernel.Resilience;
using Polly;

namespace AiFunctions.Kernel.Routing;

/// <summary>One target of one route at run time; caches its clients and its retry/timeout pipeline.</summary>
internal sealed class RouteTarget(string route, string instance, string model, int weight, string? replicaGroup = null)
{
    public string Route { get; } = route;

    public string Instance { get; } = instance;

    public string Model { get; } = model;

    /// <summary>"instance/model": the circuit, rate-limit and accounting key.</summary>
    public string Key { get; } = $"{instance}/{model}";

    public int Weight { get; } = weight;

    /// <summary>The instance's declared replica group (<c>AiFunctions:Providers:{instance}:ReplicaGroup</c>); null: none.</summary>
    public string? ReplicaGroup { get; } = replicaGroup;

    /// <summary>"group/model" for a target whose instance declares a replica group, else <see cref="Key"/>.</summary>
    public string ReplicaKey { get; } = replicaGroup is null ? $"{instance}/{model}" : $"{replicaGroup}/{model}";

    /// <summary>The name of an attempt's span on this target, "attempt {instance/model}".</summary>
    public string SpanName => field ??= "attempt " + Key;

    /// <summary>Retry + timeout for this route's options (built once by TargetResilience).</summary>
    public ResiliencePipeline? Pipeline { get; set; }

    /// <summary>Timeout only, for an attempt with an available replica next (built once by TargetResilience).</summary>
    public ResiliencePipeline? PipelineBeforeReplica { get; set; }

    /// <summary>The target's circuit breaker, shared with other routes' targets of the same instance/model.</summary>
    public TargetCircuit? Circuit { get; set; }

    public IChatClient? ChatClient { get; set; }

    public IEmbeddingGenerator<string, Embedding<float>>? EmbeddingGenerator { get; set; }

    public override string ToString() => Key;
}
