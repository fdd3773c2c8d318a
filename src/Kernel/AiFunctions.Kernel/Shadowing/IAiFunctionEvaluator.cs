using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Routing;

namespace AiFunctions.Kernel.Shadowing;

/// <summary>
/// Runs an AI function on one candidate target instead of its route, for shadows and replays before a migration: the
/// same per-target pipeline as the route (route defaults, redaction, schema validation and repair, the plugin's error
/// translation), one attempt within the route's shadow timeout (else the route's timeout), usage booked to the shadow
/// ledger and the route's shadow budget (<see cref="IShadowMonitor.Ledger"/>), never to the route's budgets, ledger or
/// tenant limits. Never throws for the target's failures: they come back as the evaluation's outcome.
/// </summary>
public interface IAiFunctionEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="aiFunction"/> on <paramref name="target"/> under the ambient
    /// <see cref="Context.AiCallContext"/>. Throws <see cref="ArgumentException"/> when the target is not a configured
    /// instance and model, <see cref="KeyNotFoundException"/> when the function's route is not configured, and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<AiFunctionEvaluation<TOutput>> EvaluateAsync<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TInput input, RouteTargetOptions target, CancellationToken cancellationToken = default);
}

/// <summary>An evaluation's output (null unless <see cref="ShadowSide.Outcome"/> is Valid) and its side: outcome, latency, tokens, cost and comparison scores.</summary>
public sealed record AiFunctionEvaluation<TOutput>(TOutput? Output, ShadowSide Side);
