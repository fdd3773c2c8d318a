namespace AiFunctions.Workflows.Migration;

/// <summary>
/// What a comparison of a primary and a candidate target found over a set of pairs (a replayed batch, or a route's
/// shadow pairs). Rates are shares 0-1; differences are candidate − primary.
/// </summary>
/// <param name="Pairs">Pairs compared.</param>
/// <param name="BothValid">Pairs where both sides gave a valid answer (the score and rank statistics use only these).</param>
/// <param name="Overall">Differences of the overall score (0-100).</param>
/// <param name="Criteria">Differences of each criterion's score (0-100), by criterion id.</param>
/// <param name="MustHaveAgreement">Share of both-valid pairs where the two sides agree on "all must-haves met"; null when none.</param>
/// <param name="CriterionMetAgreement">Share of (pair, criterion) where the two sides agree on "met"; null when none.</param>
/// <param name="Batch">Rank correlations, shortlist overlap, holds and impact ratios; null for shadow pairs (no shortlist).</param>
public sealed record MigrationComparison(
    int Pairs,
    int BothValid,
    SideFigures Primary,
    SideFigures Candidate,
    ScoreDifference Overall,
    IReadOnlyList<ScoreDifference> Criteria,
    double? MustHaveAgreement,
    double? CriterionMetAgreement,
    double? KendallTauB,
    double? Spearman,
    BatchFigures? Batch);

/// <summary>One side's outcome figures.</summary>
/// <param name="SchemaValidRate">Valid ÷ calls (after repairs).</param>
/// <param name="RepairRate">Repaired ÷ valid.</param>
/// <param name="FailureRate">Failed ÷ calls (invalid answers are counted apart, in SchemaValidRate).</param>
/// <param name="EvidenceValidity">Valid answers whose evidence holds up ÷ valid.</param>
/// <param name="FailureReasons">Failed and invalid calls by reason.</param>
/// <param name="LatencyP50Ms">Null when latency was not recorded for this side.</param>
/// <param name="Tokens">Total tokens; null when not recorded.</param>
/// <param name="Cost">Total cost; null when not recorded.</param>
public sealed record SideFigures(
    int Calls,
    int Valid,
    int Invalid,
    int Failed,
    int Repaired,
    int Held,
    double SchemaValidRate,
    double RepairRate,
    double FailureRate,
    double EvidenceValidity,
    IReadOnlyDictionary<string, int> FailureReasons,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    long? Tokens,
    decimal? Cost);

/// <summary>Candidate − primary differences of one score over the both-valid pairs that have it.</summary>
public sealed record ScoreDifference(string Key, int Pairs, double? MeanDifference, double? MeanAbsoluteDifference, double? MaxAbsoluteDifference);

/// <summary>Per-batch figures.</summary>
/// <param name="ShortlistJaccard">|both shortlists| ÷ |either shortlist| (1 when both are empty).</param>
/// <param name="ImpactRatios">Each category's NYC LL144 selection impact ratio on both sides (BiasAudit), and the change.</param>
/// <param name="LargestImpactRatioDrop">The largest decrease of a selection impact ratio (primary − candidate), 0 when none fell; null without categories.</param>
public sealed record BatchFigures(
    int PrimaryShortlist,
    int CandidateShortlist,
    int ShortlistCommon,
    double ShortlistJaccard,
    int PrimaryHeld,
    int CandidateHeld,
    IReadOnlyList<ImpactRatioChange> ImpactRatios,
    double? LargestImpactRatioDrop,
    int PrimaryFlagged,
    int CandidateFlagged);

/// <summary>One category's selection impact ratio before and after (null when the category is excluded, under 2 % of the sample).</summary>
public sealed record ImpactRatioChange(string Dimension, string Category, int Count, double? Primary, double? Candidate, double? Change);
