namespace AiFunctions.HrFunctions.Screening;

/// <summary>A requisition criterion a resume is scored against.</summary>
/// <param name="Id">Short stable id, e.g. "must-1" or "csharp"; evidence and scores refer to it.</param>
/// <param name="Text">The requirement in words, e.g. "5+ years of professional software development".</param>
/// <param name="Kind">Must-have (pass/fail gate) or nice-to-have.</param>
/// <param name="Weight">Relative weight in the overall score (default 1).</param>
public sealed record Criterion(string Id, string Text, CriterionKind Kind, double Weight = 1.0);

public enum CriterionKind
{
    MustHave,
    NiceToHave,
}
