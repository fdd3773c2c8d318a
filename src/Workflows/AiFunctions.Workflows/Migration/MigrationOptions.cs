namespace AiFunctions.Workflows.Migration;

/// <summary>
/// Configuration section <c>AiFunctions:Migration</c>: the thresholds of the safe-to-switch verdict and how replays
/// run (docs/migration.md). Validated at start-up (<see cref="MigrationOptionsValidator"/>).
/// </summary>
public sealed class MigrationOptions
{
    public const string SectionName = "AiFunctions:Migration";

    public MigrationThresholds Thresholds { get; set; } = new();

    public ReplayOptions Replay { get; set; } = new();
}

/// <summary>
/// The thresholds a migration report checks (<c>AiFunctions:Migration:Thresholds:*</c>). A threshold left empty
/// (null) is not checked and is listed as such. Shares are 0-1, scores 0-100, correlations -1-1.
/// </summary>
public sealed class MigrationThresholds
{
    /// <summary>Fewest compared pairs (both sides valid) for any verdict but "not enough data". Default 20.</summary>
    public int MinPairs { get; set; } = 20;

    /// <summary>Kendall's tau-b of the screening order, at least. Default 0.7.</summary>
    public double? MinKendallTau { get; set; } = 0.7;

    /// <summary>Spearman's rho of the screening order, at least. Default 0.8.</summary>
    public double? MinSpearman { get; set; } = 0.8;

    /// <summary>Shortlist Jaccard overlap, at least (replays only). Default 0.6.</summary>
    public double? MinShortlistJaccard { get; set; } = 0.6;

    /// <summary>Agreement on "all must-haves met", at least. Default 0.9.</summary>
    public double? MinMustHaveAgreement { get; set; } = 0.9;

    /// <summary>Mean absolute difference of the overall score (0-100), at most. Default 10.</summary>
    public double? MaxMeanAbsoluteOverallDifference { get; set; } = 10;

    /// <summary>The candidate's schema-valid rate (after repairs), at least. Default 0.98.</summary>
    public double? MinSchemaValidRate { get; set; } = 0.98;

    /// <summary>The candidate's failure rate, at most. Default 0.02.</summary>
    public double? MaxFailureRate { get; set; } = 0.02;

    /// <summary>The candidate's repair rate (repaired ÷ valid), at most. Default unset.</summary>
    public double? MaxRepairRate { get; set; }

    /// <summary>Share of the candidate's valid answers whose evidence holds up, at least. Default 0.95.</summary>
    public double? MinEvidenceValidity { get; set; } = 0.95;

    /// <summary>The largest fall of a category's LL144 selection impact ratio, at most (replays with self-identified categories). Default 0.1.</summary>
    public double? MaxImpactRatioDrop { get; set; } = 0.1;

    /// <summary>Candidates held by the candidate target beyond those the primary held, at most (replays). Default 0.</summary>
    public int? MaxHeldIncrease { get; set; } = 0;

    /// <summary>The candidate's p95 latency in milliseconds, at most. Default unset.</summary>
    public double? MaxLatencyP95Ms { get; set; }

    /// <summary>The candidate's mean cost per call in the price table's currency, at most. Default unset.</summary>
    public decimal? MaxCostPerCall { get; set; }

    /// <summary>
    /// Drafting replays: how far the candidate's inclusive-language pass rate may fall below the stored drafts' (primary
    /// rate − candidate rate, a share 0-1), at most. Default 0.05.
    /// </summary>
    public double? MaxInclusiveLanguagePassRateDrop { get; set; } = 0.05;

    /// <summary>Drafting replays: the same for the required-sections check. Default 0.05.</summary>
    public double? MaxRequiredSectionsPassRateDrop { get; set; } = 0.05;
}

/// <summary>How replays run (<c>AiFunctions:Migration:Replay</c>).</summary>
public sealed class ReplayOptions
{
    /// <summary>Candidate-target calls at once per replay (1-64, default 4).</summary>
    public int MaxConcurrentCalls { get; set; } = 4;
}
