using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Fairness;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// Computes a <see cref="MigrationComparison"/> from pairs. Pure and deterministic. Score, agreement and rank
/// statistics use the pairs where both sides are valid; the rank statistics compare the screening order key
/// (all must-haves met first, then the overall score: <see cref="RankKey"/>); impact ratios reuse
/// <see cref="BiasAudit"/> with each side's shortlist and scores.
/// </summary>
public static class MigrationComparer
{
    /// <summary>Compares the pairs; <paramref name="batch"/> adds shortlist, hold and impact-ratio figures (replays of a batch).</summary>
    public static MigrationComparison Compare(IReadOnlyList<ComparisonPair> pairs, bool batch)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var bothValid = pairs.Where(p => p.Primary.IsValid && p.Candidate.IsValid).ToArray();
        var criterionIds = bothValid
            .SelectMany(p => p.Primary.Scores.Keys.Concat(p.Candidate.Scores.Keys))
            .Where(k => k.StartsWith("criterion:", StringComparison.Ordinal) && !k.EndsWith(":met", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();

        var metPairs = bothValid.SelectMany(p => criterionIds
                .Where(id => p.Primary.Scores.ContainsKey(id + ":met") && p.Candidate.Scores.ContainsKey(id + ":met"))
                .Select(id => p.Primary.Scores[id + ":met"] == p.Candidate.Scores[id + ":met"]))
            .ToArray();
        var mustHave = bothValid
            .Where(p => p.Primary.Scores.ContainsKey(ScreeningScoreKeys.MustHavesMet) && p.Candidate.Scores.ContainsKey(ScreeningScoreKeys.MustHavesMet))
            .Select(p => p.Primary.Scores[ScreeningScoreKeys.MustHavesMet] == p.Candidate.Scores[ScreeningScoreKeys.MustHavesMet])
            .ToArray();
        var ranked = bothValid.Where(p => RankKey(p.Primary) is not null && RankKey(p.Candidate) is not null).ToArray();
        var x = ranked.Select(p => RankKey(p.Primary)!.Value).ToArray();
        var y = ranked.Select(p => RankKey(p.Candidate)!.Value).ToArray();

        return new MigrationComparison(
            pairs.Count,
            bothValid.Length,
            Figures(pairs.Select(p => p.Primary).ToArray()),
            Figures(pairs.Select(p => p.Candidate).ToArray()),
            Difference(ScreeningScoreKeys.Overall, bothValid),
            criterionIds.Select(id => Difference(id, bothValid)).ToArray(),
            mustHave.Length == 0 ? null : (double)mustHave.Count(a => a) / mustHave.Length,
            metPairs.Length == 0 ? null : (double)metPairs.Count(a => a) / metPairs.Length,
            RankStatistics.KendallTauB(x, y),
            RankStatistics.Spearman(x, y),
            batch ? Batch(pairs) : null);
    }

    /// <summary>
    /// The screening order as one number: 1000 when every must-have is met, plus the overall score (0-100), so a higher
    /// key ranks higher exactly as CandidateRanker orders (gate first, then score). Null without an overall score.
    /// </summary>
    public static double? RankKey(ComparisonSide side)
    {
        ArgumentNullException.ThrowIfNull(side);
        return side.Scores.TryGetValue(ScreeningScoreKeys.Overall, out var overall)
            ? (side.Scores.GetValueOrDefault(ScreeningScoreKeys.MustHavesMet) > 0 ? 1000 : 0) + overall
            : null;
    }

    private static SideFigures Figures(IReadOnlyList<ComparisonSide> sides)
    {
        var calls = sides.Count(s => s.Outcome != ShadowOutcome.Skipped);
        var valid = sides.Count(s => s.IsValid);
        var invalid = sides.Count(s => s.Outcome == ShadowOutcome.Invalid);
        var failed = sides.Count(s => s.Outcome == ShadowOutcome.Failed);
        var repaired = sides.Count(s => s.IsValid && s.Repaired);
        var evidence = sides.Count(s => s.IsValid && s.EvidenceValid);
        var latencies = sides.Where(s => s.Outcome != ShadowOutcome.Skipped && s.LatencyMs is not null).Select(s => s.LatencyMs!.Value).ToArray();
        var recorded = sides.Where(s => s.Outcome != ShadowOutcome.Skipped && s.Tokens is not null).ToArray();
        return new SideFigures(
            calls, valid, invalid, failed, repaired, sides.Count(s => s.Held),
            Share(valid, calls), Share(repaired, valid), Share(failed, calls), Share(evidence, valid),
            sides.Where(s => s.Outcome is ShadowOutcome.Failed or ShadowOutcome.Invalid)
                .GroupBy(s => s.FailureReason ?? "unknown", StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            RankStatistics.Quantile(latencies, 0.5),
            RankStatistics.Quantile(latencies, 0.95),
            recorded.Length == 0 ? null : recorded.Sum(s => s.Tokens!.Value),
            recorded.Length == 0 ? null : recorded.Sum(s => s.Cost ?? 0m));
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static ScoreDifference Difference(string key, IReadOnlyList<ComparisonPair> bothValid)
    {
        var diffs = bothValid
            .Where(p => p.Primary.Scores.ContainsKey(key) && p.Candidate.Scores.ContainsKey(key))
            .Select(p => p.Candidate.Scores[key] - p.Primary.Scores[key])
            .ToArray();
        var id = key.StartsWith("criterion:", StringComparison.Ordinal) ? key["criterion:".Length..] : key;
        return diffs.Length == 0
            ? new ScoreDifference(id, 0, null, null, null)
            : new ScoreDifference(id, diffs.Length, diffs.Average(), diffs.Average(Math.Abs), diffs.Max(Math.Abs));
    }

    private static BatchFigures Batch(IReadOnlyList<ComparisonPair> pairs)
    {
        var primaryList = pairs.Where(p => p.Primary.Selected).Select(p => p.Key).ToArray();
        var candidateList = pairs.Where(p => p.Candidate.Selected).Select(p => p.Key).ToArray();
        var (jaccard, common) = RankStatistics.Overlap(primaryList, candidateList);
        var changes = new List<ImpactRatioChange>();
        double? largestDrop = null;
        int primaryFlagged = 0, candidateFlagged = 0;
        if (pairs.Any(p => p.Categories is not null))
        {
            var before = BiasAudit.Compute(pairs.Select(p => Subject(p.Primary, p.Categories)).ToArray());
            var after = BiasAudit.Compute(pairs.Select(p => Subject(p.Candidate, p.Categories)).ToArray());
            var afterByKey = after.Categories.ToDictionary(c => (c.Dimension, c.Category));
            foreach (var category in before.Categories)
            {
                var next = afterByKey.GetValueOrDefault((category.Dimension, category.Category));
                double? change = category.ImpactRatio is { } b && next?.ImpactRatio is { } a ? a - b : null;
                changes.Add(new ImpactRatioChange(category.Dimension, category.Category, category.Count, category.ImpactRatio, next?.ImpactRatio, change));
            }

            largestDrop = Math.Max(0, changes.Where(c => c.Change is not null).Select(c => -c.Change!.Value).DefaultIfEmpty(0).Max());
            primaryFlagged = before.Categories.Count(c => c.Flagged);
            candidateFlagged = after.Categories.Count(c => c.Flagged);
        }

        return new BatchFigures(
            primaryList.Length, candidateList.Length, common, jaccard,
            pairs.Count(p => p.Primary.Held), pairs.Count(p => p.Candidate.Held),
            changes, largestDrop, primaryFlagged, candidateFlagged);
    }

    private static AuditSubject Subject(ComparisonSide side, SelfIdentifiedCategories? categories) =>
        new(side.Selected, side.IsValid && !side.Held && side.Scores.TryGetValue(ScreeningScoreKeys.Overall, out var overall) ? (int)overall : null, categories);
}
