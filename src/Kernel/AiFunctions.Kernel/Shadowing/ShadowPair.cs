using System.Text.Json.Serialization;

namespace AiFunctions.Kernel.Shadowing;

/// <summary>
/// One sampled call answered by the route (the primary) and by its shadow target, for comparison before a migration.
/// Holds no prompt, answer text or personal data: the call key is a hash, and each side carries only its outcome,
/// comparison scores (<see cref="Functions.AiFunction{TInput,TOutput}.ComparisonScores"/>), latency, tokens and cost.
/// </summary>
/// <param name="Id">Unique id of the pair ("{route}-{timestamp ticks}-{random}").</param>
/// <param name="CallKey">The call's key (<see cref="Functions.AiFunction{TInput,TOutput}.CallKey"/>): a hash, not the input.</param>
/// <param name="At">When the shadow answer was recorded (UTC).</param>
public sealed record ShadowPair(
    string Id,
    string Route,
    string Function,
    string FunctionVersion,
    string CallKey,
    string Tenant,
    string Workflow,
    DateTimeOffset At,
    ShadowSide Primary,
    ShadowSide Shadow);

/// <summary>One side of a <see cref="ShadowPair"/> (or of an evaluation on a candidate target).</summary>
/// <param name="Target">"instance/model" that answered (the primary: the route target that answered; the shadow: the shadow target).</param>
/// <param name="Outcome">Valid (schema and the function's checks passed, after repairs if any), Invalid, Failed or Skipped.</param>
/// <param name="FailureReason">The <see cref="Errors.AiFailureReason"/> name (or exception type for an unknown failure); null when valid.</param>
/// <param name="Repaired">Whether the valid answer needed a schema repair prompt.</param>
/// <param name="Calls">Provider calls (repairs included).</param>
/// <param name="LatencyMs">Wall time of the call in milliseconds (the primary: the whole route call, failover included).</param>
/// <param name="Cost">In <paramref name="Currency"/>, from the price table.</param>
/// <param name="Scores">The output's comparison scores; empty unless valid.</param>
public sealed record ShadowSide(
    string Target,
    ShadowOutcome Outcome,
    string? FailureReason,
    bool Repaired,
    int Calls,
    double LatencyMs,
    long InputTokens,
    long OutputTokens,
    decimal Cost,
    string Currency,
    IReadOnlyDictionary<string, double> Scores);

/// <summary>How a call on one side ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShadowOutcome>))]
public enum ShadowOutcome
{
    /// <summary>An answer that passed the schema and the function's checks (after at most the route's repairs).</summary>
    Valid,

    /// <summary>Still invalid after the repairs (StructuredOutputInvalid).</summary>
    Invalid,

    /// <summary>The call failed (reason in FailureReason: Timeout, RateLimited, Unavailable, ...).</summary>
    Failed,

    /// <summary>Not run: the shadow budget is spent or the target is over its rate limit (evaluations only; pairs are not recorded for these).</summary>
    Skipped,
}
