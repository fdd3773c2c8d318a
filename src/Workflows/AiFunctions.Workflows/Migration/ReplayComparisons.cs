using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Fairness;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// Turns a batch's stored results and a replay's results into <see cref="ComparisonPair"/>s, and shadow pairs likewise.
/// Both sides are shortlisted the same way — <see cref="CandidateRanker"/> with the batch's shortlist size, every held
/// candidate left out (a reviewer's later release is a human decision, not the model's) — so the comparison measures
/// the targets, not the reviews. The primary side has no latency, tokens or cost: stored results do not carry them.
/// </summary>
public static class ReplayComparisons
{
    /// <summary>Hold kinds that say the answer's evidence does not hold up (ScreenCandidateGroupActivity.HoldReasons).</summary>
    private static readonly string[] EvidenceKinds = ["unsupported-score", "evidence-in-flagged-span"];

    /// <summary>True when none of the hold kinds is an evidence rule.</summary>
    public static bool EvidenceHoldsUp(IEnumerable<string> holdKinds) => !holdKinds.Any(k => EvidenceKinds.Contains(k, StringComparer.Ordinal));

    public static IReadOnlyList<ComparisonPair> Pairs(
        ScreeningBatchRecord batch,
        IReadOnlyList<CandidateResult> results,
        IReadOnlyDictionary<string, ReplayCandidateResult> replayed,
        IReadOnlyDictionary<string, SelfIdentifiedCategories> categories,
        ResumeScreeningFunction function)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(replayed);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(function);
        var compared = results.Where(r => replayed.ContainsKey(r.CandidateId)).ToArray();
        var primary = compared.ToDictionary(r => r.CandidateId, r => Primary(r, function), StringComparer.Ordinal);
        var candidate = compared.ToDictionary(r => r.CandidateId, r => Candidate(replayed[r.CandidateId]), StringComparer.Ordinal);
        var size = batch.ReviewPolicy.ShortlistSize;
        var primaryList = Shortlist(batch.BatchId, primary, size);
        var candidateList = Shortlist(batch.BatchId, candidate, size);
        return compared
            .Select(r => new ComparisonPair(
                r.CandidateId,
                primary[r.CandidateId] with { Selected = primaryList.Contains(r.CandidateId) },
                candidate[r.CandidateId] with { Selected = candidateList.Contains(r.CandidateId) },
                categories.GetValueOrDefault(r.CandidateId)))
            .ToArray();
    }

    /// <summary>A route's shadow pairs as comparison pairs (no shortlist, no holds: a shadow pair is one call).</summary>
    public static IReadOnlyList<ComparisonPair> Pairs(IEnumerable<ShadowPair> shadowPairs)
    {
        ArgumentNullException.ThrowIfNull(shadowPairs);
        return shadowPairs.Select(p => new ComparisonPair(p.CallKey, FromShadow(p.Primary), FromShadow(p.Shadow))).ToArray();

        static ComparisonSide FromShadow(ShadowSide s) =>
            new(s.Outcome, s.FailureReason, s.Scores, s.Repaired, s.Outcome == ShadowOutcome.Valid, false, false, s.LatencyMs, s.InputTokens + s.OutputTokens, s.Cost);
    }

    /// <summary>
    /// A drafting replay's rows as comparison pairs (for the side figures: schema-valid, failure and repair rates,
    /// latency, tokens, cost). The primary side is the stored draft: valid, with no latency, tokens or cost recorded.
    /// </summary>
    public static IReadOnlyList<ComparisonPair> Pairs(IEnumerable<ReplayCandidateResult> drafting)
    {
        ArgumentNullException.ThrowIfNull(drafting);
        var stored = new ComparisonSide(ShadowOutcome.Valid, null, new Dictionary<string, double>(), false, true, false, false, null, null, null);
        return drafting
            .Where(r => r.Drafting is not null)
            .OrderBy(r => r.CandidateId, StringComparer.Ordinal)
            .Select(r => new ComparisonPair(r.CandidateId, stored, Candidate(r)))
            .ToArray();
    }

    private static ComparisonSide Primary(CandidateResult result, ResumeScreeningFunction function)
    {
        if (result.Status != CandidateResultStatus.Screened || result.Assessment is null)
        {
            var reason = result.Error is { } error ? error.Split(':', 2)[0].Trim() : "unknown";
            return new ComparisonSide(ShadowOutcome.Failed, reason, new Dictionary<string, double>(), false, false, false, false, null, null, null);
        }

        var kinds = (result.Hold?.Reasons ?? []).Select(r => r.Split(':', 2)[0].Trim()).ToArray();
        return new ComparisonSide(
            ShadowOutcome.Valid, null, function.ComparisonScores(result.Assessment), result.Provenance?.Repaired ?? false,
            EvidenceHoldsUp(kinds), result.Hold is not null, false, null, null, null);
    }

    /// <summary>
    /// The candidate side of one replayed item. A Skipped call (the replay's spare rate-limit window or the shadow
    /// budget) counts as Failed with its reason: a replay covers every item once and never calls a stored row again, so
    /// unlike a shadow sample the item stays unanswered, and leaving it out would take the failure and schema-valid
    /// rates over the answered items only (a candidate that answered 20 of 1,000 before the budget ran out would pass).
    /// </summary>
    private static ComparisonSide Candidate(ReplayCandidateResult result) =>
        new(result.Side.Outcome == ShadowOutcome.Skipped ? ShadowOutcome.Failed : result.Side.Outcome, result.Side.FailureReason, result.Side.Scores, result.Side.Repaired, result.EvidenceValid, result.Held, false,
            result.Side.LatencyMs, result.Side.InputTokens + result.Side.OutputTokens, result.Side.Cost);

    /// <summary>The ids CandidateRanker would shortlist from these sides (valid, not held, gate and overall score from the scores).</summary>
    private static HashSet<string> Shortlist(string batchId, IReadOnlyDictionary<string, ComparisonSide> sides, int size)
    {
        var stand = sides
            .Where(kv => kv.Value.IsValid && kv.Value.Scores.ContainsKey(ScreeningScoreKeys.Overall))
            .Select(kv => new CandidateResult(
                batchId, kv.Key, string.Empty, CandidateResultStatus.Screened,
                new ScreeningAssessment([], kv.Value.Scores.GetValueOrDefault(ScreeningScoreKeys.MustHavesMet) > 0, (int)kv.Value.Scores[ScreeningScoreKeys.Overall], [], string.Empty),
                null, [], 0, DateTimeOffset.UnixEpoch,
                Hold: kv.Value.Held ? new CandidateHold(["held"], []) : null))
            .ToArray();
        return CandidateRanker.Shortlist(CandidateRanker.Rank(stand), size).Select(s => s.CandidateId).ToHashSet(StringComparer.Ordinal);
    }
}
