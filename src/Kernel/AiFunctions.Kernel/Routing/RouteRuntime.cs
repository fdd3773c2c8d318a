namespace AiFunctions.Kernel.Routing;

/// <summary>A configured route at run time: its options and targets, and the order in which to try them.</summary>
internal sealed class RouteRuntime
{
    private readonly int _totalWeight;
    private readonly RouteTarget[] _byWeight;

    public RouteRuntime(string name, RouteOptions options)
    {
        Name = name;
        Options = options;
        Targets = options.Targets.Select(t => new RouteTarget(name, t.Provider, t.Model, Math.Max(1, t.Weight))).ToArray();
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
    public RouteTarget[] Order(Random random)
    {
        if (Options.Strategy == RoutingStrategy.Failover || Targets.Length < 2)
        {
            return Targets;
        }

        var roll = random.Next(_totalWeight);
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
}
