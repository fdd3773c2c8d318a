namespace AiFunctions.Kernel.Routing;

/// <summary>One target of a route: a provider instance, a model it serves and a weight (Weighted strategy).</summary>
public sealed class RouteTargetOptions
{
    /// <summary>Instance key under <c>AiFunctions:Providers</c>.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>A model listed in that instance's <c>Models</c>.</summary>
    public string Model { get; set; } = string.Empty;

    public int Weight { get; set; } = 1;

    public override string ToString() => $"{Provider}/{Model}";
}
