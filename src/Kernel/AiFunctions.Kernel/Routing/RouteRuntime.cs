using System.Security.Cryptography;
using System.Text;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Errors;

namespace AiFunctions.Kernel.Routing;

/// <summary>A configured route at run time: its options and targets, and the order in which to try them.</summary>
internal sealed class RouteRuntime
{
    private readonly int _totalWeight;
    private readonly RouteTarget[] _byWeight;

    /// <param name="replicaGroupOf">The declared replica group of an instance (null: none); null: no instance declares one.</param>
    public RouteRuntime(string name, RouteOptions options, Func<string, string?>? replicaGroupOf = null)
    {
        Name = name;
        Options = options;
        Targets = options.Targets.Select(t => new RouteTarget(name, t.Provider, t.Model, Math.Max(1, t.Weight), replicaGroupOf?.Invoke(t.Provider))).ToArray();
        _totalWeight = Targets.Sum(t => t.Weight);
        _byWeight = Targets.OrderByDescending(t => t.Weight).ToArray();
    }

    public string Name { get; }

    /// <summary>The name of the route call's span, "route {name}".</summary>
    public string SpanName => field ??= "route " + Name;

    public RouteOptions Options { get; }

    /// <summary>Targets in configured order.</summary>
    public RouteTarget[] Targets { get; }

    /// <summary>
    /// The order for one call. Failover: configured order (no allocation). Weighted: one target picked by weight,
    /// then the others by descending weight (ties keep configured order).
    /// </summary>
    public RouteTarget[] Order(Random random) => Order(null, random);

    /// <summary>
    /// The order for one call under the caller's <paramref name="preference"/> (<see cref="RouteTargetPreference"/>):
    /// a named target first (or alone when exclusive), else a weighted pick from the affinity key's hash, else
    /// <see cref="Order(Random)"/>.
    /// </summary>
    /// <exception cref="ProviderException">The preferred target is not one of this route's (NotSupported, permanent).</exception>
    public RouteTarget[] Order(RouteTargetPreference? preference, Random random)
    {
        if (preference?.Target is { } wanted)
        {
            var preferred = Preferred(wanted, random);
            return preference.Exclusive ? preferred : [.. preferred, .. Order(random).Where(t => Array.IndexOf(preferred, t) < 0)];
        }

        if (Options.Strategy == RoutingStrategy.Failover || Targets.Length < 2)
        {
            return Targets;
        }

        var roll = preference?.AffinityKey is { } key ? StableRoll(key, _totalWeight) : random.Next(_totalWeight);
        RouteTarget first = Targets[^1];
        foreach (var target in Targets)
        {
            if (roll < target.Weight)
            {
                first = target;
                break;
            }

            roll -= target.Weight;
        }

        var order = new RouteTarget[Targets.Length];
        order[0] = first;
        var i = 1;
        foreach (var target in _byWeight)
        {
            if (!ReferenceEquals(target, first))
            {
                order[i++] = target;
            }
        }

        return order;
    }

    /// <summary>
    /// The targets a preference names: the target "instance/model" itself, or every target of the replica group
    /// "group/model" (<see cref="RouteTarget.ReplicaKey"/>; replicas of one deployment, in this call's order, so the call
    /// fails over among them).
    /// </summary>
    private RouteTarget[] Preferred(string wanted, Random random)
    {
        if (Array.Find(Targets, t => string.Equals(t.Key, wanted, StringComparison.Ordinal)) is { } target)
        {
            return [target];
        }

        var replicas = Order(random).Where(t => t.ReplicaGroup is not null && string.Equals(t.ReplicaKey, wanted, StringComparison.Ordinal)).ToArray();
        return replicas.Length > 0
            ? replicas
            : throw new ProviderException(AiFailureReason.NotSupported, wanted.Split('/')[0],
                $"Route '{Name}' has no target '{wanted}' (its targets: {string.Join(", ", Targets.Select(t => t.ReplicaGroup is null ? t.Key : $"{t.Key} (replica group {t.ReplicaKey})"))}); the call asked for that target only.");
    }

    /// <summary>A number in [0, <paramref name="range"/>) from the SHA-256 of <paramref name="key"/>: the same for the same key in every process.</summary>
    private static int StableRoll(string key, int range)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return (int)(BitConverter.ToUInt32(hash) % (uint)range);
    }
}
