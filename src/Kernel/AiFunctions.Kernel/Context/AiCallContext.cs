namespace AiFunctions.Kernel.Context;

/// <summary>
/// Who a call is for: tenant and workflow (and an optional correlation id). Ambient for the current async flow,
/// so activities set it once and every kernel call below it is rate-limited, budgeted and accounted to it.
/// <code>using var scope = AiCallContext.Begin(new("contoso", "resume-screening"));</code>
/// </summary>
public sealed record AiCallContext(string Tenant, string Workflow, string? CorrelationId = null)
{
    private static readonly AsyncLocal<AiCallContext?> Ambient = new();

    /// <summary>How the route's targets are chosen for these calls (null: the route's own strategy); see <see cref="RouteTargetPreference"/>.</summary>
    public RouteTargetPreference? Targeting { get; init; }

    public static AiCallContext Default { get; } = new("default", "none");

    public static AiCallContext Current => Ambient.Value ?? Default;

    public static IDisposable Begin(AiCallContext context)
    {
        var previous = Ambient.Value;
        Ambient.Value = context;
        return new Restore(previous);
    }

    private sealed class Restore(AiCallContext? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
