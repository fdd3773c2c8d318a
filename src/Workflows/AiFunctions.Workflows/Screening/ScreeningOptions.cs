using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Configuration section <c>AiFunctions:Screening</c>: how a batch keeps one scorer and how a flagged resume is
/// checked against the deterministic scorer (docs/fairness.md). Validated at start-up
/// (<see cref="ScreeningOptionsValidator"/>).
/// </summary>
public sealed class ScreeningOptions
{
    public const string SectionName = "AiFunctions:Screening";

    /// <summary>
    /// What a batch does when its candidates were scored by more than one scorer (a failover mid-batch):
    /// <see cref="ScorerChangePolicy.Rescore"/> (default) re-scores the candidates of the other scorers on the scorer the
    /// route gives now; <see cref="ScorerChangePolicy.WaitForOriginal"/> re-scores them on the batch's first scorer,
    /// waiting (durable timers, <see cref="ScreeningConcurrency.TransientRetryWindow"/>) while its circuit is open.
    /// </summary>
    public ScorerChangePolicy OnScorerChange { get; set; } = ScorerChangePolicy.Rescore;

    /// <summary>
    /// Points (0-100) by which a generative overall score may exceed the deterministic baseline score before the
    /// candidate is held. Default 25. 100 turns the check off (the must-have comparison too).
    /// </summary>
    public int MaxScoreGap { get; set; } = 25;

    /// <summary>
    /// Which generative scores are compared with the deterministic baseline (<see cref="BaselineRoute"/>):
    /// <see cref="BaselineCheckScope.AllGenerative"/> (default: every one, so an instruction no detector recognised still
    /// cannot lift a score or pass a must-have unchecked) or <see cref="BaselineCheckScope.FlaggedOnly"/> (only resumes
    /// the sanitiser flagged; fewer local scoring runs, but an undetected instruction is then trusted).
    /// </summary>
    public BaselineCheckScope BaselineCheck { get; set; } = BaselineCheckScope.AllGenerative;

    /// <summary>
    /// The route the baseline score is taken on; it must lead to a deterministic (non-generative)
    /// scorer, the <c>local</c> plugin. Default "screening-baseline" (the offline defaults point it at local/rules).
    /// </summary>
    public string BaselineRoute { get; set; } = HrFunctions.HrRoutes.ScreeningBaseline;
}

/// <summary>What a batch does when a failover changed its scorer (<see cref="ScreeningOptions.OnScorerChange"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScorerChangePolicy>))]
public enum ScorerChangePolicy
{
    /// <summary>Re-score the candidates of other scorers on the scorer the route gives now.</summary>
    Rescore,

    /// <summary>Re-score the candidates of other scorers on the batch's first scorer once it answers again.</summary>
    WaitForOriginal,
}

/// <summary>Which generative scores the deterministic baseline checks (<see cref="ScreeningOptions.BaselineCheck"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BaselineCheckScope>))]
public enum BaselineCheckScope
{
    /// <summary>Every generative score.</summary>
    AllGenerative,

    /// <summary>Only the scores of resumes the sanitiser flagged.</summary>
    FlaggedOnly,
}
