namespace AiFunctions.Kernel.Context;

/// <summary>
/// How a caller wants the route's targets chosen for its calls (set on <see cref="AiCallContext.Targeting"/>), so that a
/// unit of work (a screening batch) is judged by one scorer. Without a preference a weighted route picks its first
/// target at random per call by weight; a failover route always starts at its first target.
/// </summary>
/// <param name="AffinityKey">
/// A weighted route picks its first target from a stable hash of this key (by weight, so keys still split traffic in
/// the configured proportions) instead of at random: every call with the same key starts on the same target. Failing
/// over to the other targets is unchanged. Failover routes ignore it.
/// </param>
/// <param name="Target">
/// "instance/model" of the route target to use, or "group/model": every route target whose instance declares that
/// replica group (<c>AiFunctions:Providers:{instance}:ReplicaGroup</c>) and serves that model, in the route's order
/// for the call. With <paramref name="Exclusive"/> only those targets are tried (failures fail over among a group's
/// replicas, never beyond; an open circuit is <c>CircuitOpen</c> with the time until it half-opens), otherwise they are
/// tried first and the route's other targets follow. A target the route does not have fails the call with
/// <c>NotSupported</c> (permanent) naming the route's targets.
/// </param>
/// <param name="Exclusive">Only <paramref name="Target"/> (its replicas), never another target of the route.</param>
public sealed record RouteTargetPreference(string? AffinityKey = null, string? Target = null, bool Exclusive = false)
{
    /// <summary>Every call of the same <paramref name="key"/> starts on the same target of a weighted route.</summary>
    public static RouteTargetPreference Affinity(string key) => new(AffinityKey: key);

    /// <summary>Only the target "instance/model" (or the replicas "group/model") <paramref name="target"/>: no failover beyond it.</summary>
    public static RouteTargetPreference Only(string target) => new(Target: target, Exclusive: true);
}
