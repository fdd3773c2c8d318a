using AiFunctions.Kernel.Accounting;

namespace AiFunctions.Kernel.Routing;

/// <summary>
/// A shadow target of a route (<c>AiFunctions:Routes:{route}:Shadow</c>): a sampled share of the route's AI function
/// calls is also sent to <see cref="Target"/> after the primary has answered, in the background, to compare the two
/// answers before a migration (docs/migration.md). The shadow answer never reaches the caller; it goes through the
/// same per-target pipeline (route defaults, redaction, schema validation and repair) and its tokens and cost are booked
/// to the shadow ledger and <see cref="Budget"/>, never to the route's budgets, ledger or tenant limits. Validated at
/// start-up (AddAiKernel) with messages naming the setting.
/// </summary>
public sealed class RouteShadowOptions
{
    /// <summary>The candidate target: an instance under <c>AiFunctions:Providers</c> and a model it lists. Required.</summary>
    public RouteTargetOptions? Target { get; set; }

    /// <summary>
    /// Share of the route's AI function calls shadowed, 0-1 (default 0: none). Sampling is deterministic per call key
    /// (<see cref="Functions.AiFunction{TInput,TOutput}.CallKey"/>), so the same input is always shadowed or never.
    /// </summary>
    public double SampleRate { get; set; }

    /// <summary>Per AI function name (e.g. <c>hr.screen-resume</c>): a sample rate that replaces <see cref="SampleRate"/>.</summary>
    public Dictionary<string, ShadowFunctionOptions> Functions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The shadow's own spending limit (all tenants together); once spent, sampled calls are skipped and counted.</summary>
    public ShadowBudgetOptions Budget { get; set; } = new();

    /// <summary>How long one shadow call may take (schema repairs included) before it is abandoned and counted as Timeout. Default 60 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Shadow calls of this route running at once (default 2, 1-64).</summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>Sampled calls waiting for a free slot (default 100, 1-10000); when the queue is full a sampled call is dropped and counted, never waited for.</summary>
    public int QueueCapacity { get; set; } = 100;

    /// <summary>The sample rate for <paramref name="function"/>: its own when configured, else <see cref="SampleRate"/>.</summary>
    public double RateFor(string function) =>
        Functions.TryGetValue(function, out var own) && own.SampleRate is { } rate ? rate : SampleRate;
}

/// <summary>Per AI function shadow settings (<c>AiFunctions:Routes:{route}:Shadow:Functions:{function}</c>).</summary>
public sealed class ShadowFunctionOptions
{
    /// <summary>0-1; replaces the route's shadow SampleRate for this function.</summary>
    public double? SampleRate { get; set; }
}

/// <summary>
/// The shadow's spending limit (<c>AiFunctions:Routes:{route}:Shadow:Budget</c>), across all tenants, per
/// <see cref="Period"/> (UTC calendar). No limit set = unlimited (shadow spending is still booked to the shadow ledger).
/// </summary>
public sealed class ShadowBudgetOptions
{
    public BudgetPeriod Period { get; set; } = BudgetPeriod.Daily;

    public long? MaxTokens { get; set; }

    /// <summary>In the currency of the price table (<c>AiFunctions:Pricing</c>).</summary>
    public decimal? MaxCost { get; set; }
}
