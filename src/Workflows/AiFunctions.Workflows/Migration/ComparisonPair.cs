using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Fairness;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// One screened candidate (or one shadow pair) as the primary and the candidate target answered it. Only numbers and
/// flags: no resume text, names or answer text.
/// </summary>
/// <param name="Key">The candidate id (replays) or call key (shadow pairs).</param>
/// <param name="Categories">Voluntary self-identified categories, for the impact ratios only; null when none were given.</param>
public sealed record ComparisonPair(string Key, ComparisonSide Primary, ComparisonSide Candidate, SelfIdentifiedCategories? Categories = null);

/// <summary>How one side answered one call.</summary>
/// <param name="Outcome">Valid (schema and checks passed), Invalid (still invalid after repairs), Failed, Skipped.</param>
/// <param name="FailureReason">The failure reason name for Invalid and Failed (e.g. Timeout, StructuredOutputInvalid).</param>
/// <param name="Scores">The assessment's comparison scores (overall, mustHavesMet, criterion:{id}, criterion:{id}:met, evidence).</param>
/// <param name="Repaired">A valid answer that needed a repair prompt.</param>
/// <param name="EvidenceValid">A valid answer whose evidence holds up: no score above 0 without evidence, no evidence from a span the injection defence flagged.</param>
/// <param name="Held">Held for a reviewer (injection signal or evidence that does not hold up): not ranked.</param>
/// <param name="Selected">On this side's shortlist.</param>
/// <param name="LatencyMs">Null when not recorded (a stored batch's results carry no latency).</param>
/// <param name="Tokens">Input + output tokens; null when not recorded.</param>
/// <param name="Cost">Null when not recorded.</param>
public sealed record ComparisonSide(
    ShadowOutcome Outcome,
    string? FailureReason,
    IReadOnlyDictionary<string, double> Scores,
    bool Repaired,
    bool EvidenceValid,
    bool Held,
    bool Selected,
    double? LatencyMs,
    long? Tokens,
    decimal? Cost)
{
    public bool IsValid => Outcome == ShadowOutcome.Valid;
}
