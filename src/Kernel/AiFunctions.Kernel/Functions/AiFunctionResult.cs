using AiFunctions.Kernel.Accounting;

namespace AiFunctions.Kernel.Functions;

/// <summary>A validated function output with where it came from, for the decision trail.</summary>
public sealed record AiFunctionResult<TOutput>(TOutput Output, AiFunctionProvenance Provenance, CallUsage Usage);

/// <summary>
/// Which function version, route, provider instance, plugin (and version) and model produced a result, whether a
/// generative model was involved, how many attempts it took, whether the output needed a schema repair, and how many
/// personal-data items the route's redaction replaced before the prompt left (<see cref="RedactedItems"/>).
/// </summary>
public sealed record AiFunctionProvenance(
    string Function,
    string FunctionVersion,
    string Route,
    string ProviderInstance,
    string Plugin,
    string PluginVersion,
    string Model,
    bool Generative,
    int Attempts,
    bool Repaired,
    DateTimeOffset CompletedAt)
{
    /// <summary>
    /// Personal-data items the route's pipeline (<c>UseRedaction</c>) replaced in the prompt of the answering call;
    /// 0 when nothing was found, the route does not redact or a native implementation answered (nothing left the service).
    /// </summary>
    public int RedactedItems { get; init; }

    /// <summary>
    /// The replica group <see cref="ProviderInstance"/> declares (<c>AiFunctions:Providers:{instance}:ReplicaGroup</c>):
    /// instances of one group serve the same model deployment, so a model answering through any of them is one scorer.
    /// Null: the instance declares none (it is a scorer of its own). <see cref="ProviderInstance"/> still names the
    /// instance that answered.
    /// </summary>
    public string? ReplicaGroup { get; init; }

    /// <summary>
    /// True when the call was hedged (<c>AiFunctions:Routes:{route}:HedgingDelay</c>): the first replica had not answered
    /// after the delay, the same call went to another replica of its group, and the first answer won while the other
    /// attempt was cancelled. <see cref="ProviderInstance"/> names the instance whose answer this is; <see cref="Attempts"/>
    /// counts the cancelled request too.
    /// </summary>
    public bool Hedged { get; init; }
}
