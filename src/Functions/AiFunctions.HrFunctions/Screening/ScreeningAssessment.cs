namespace AiFunctions.HrFunctions.Screening;

/// <summary>
/// The structured, explainable judgement of one resume: a score per criterion with verbatim evidence from the
/// resume, the must-have gate, concerns for the human reviewer, and an overall score. This is a recommendation
/// for a human reviewer, never a decision.
/// </summary>
public sealed record ScreeningAssessment(
    IReadOnlyList<CriterionAssessment> Criteria,
    bool MustHavesMet,
    int OverallScore,
    IReadOnlyList<string> Concerns,
    string Summary);

/// <param name="CriterionId">The <see cref="Criterion.Id"/> assessed.</param>
/// <param name="Score">0-100.</param>
/// <param name="Met">Whether the criterion is satisfied (decisive for must-haves).</param>
/// <param name="Evidence">Quotes copied verbatim from the resume text that support the score; empty when none.</param>
/// <param name="Rationale">One or two sentences explaining the score.</param>
public sealed record CriterionAssessment(
    string CriterionId,
    int Score,
    bool Met,
    IReadOnlyList<string> Evidence,
    string Rationale);
