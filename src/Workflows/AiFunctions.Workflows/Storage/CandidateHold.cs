using AiFunctions.Workflows.Sanitizing;

namespace AiFunctions.Workflows.Storage;

/// <summary>
/// Why a screened candidate is held out of the automatic ranking and shortlist (docs/fairness.md, "Held candidates"):
/// the resume carries an injection signal, or the model's answer does not hold up (a score without evidence, evidence
/// from a flagged span). The assessment is kept for information. Only an explicit reviewer decision releases the
/// candidate into the ranking; that decision is recorded here and in the decision trail.
/// </summary>
/// <param name="Reasons">Rule names and counts, e.g. "PromptInjection: ignore-previous-instructions"; no personal data.</param>
/// <param name="Spans">The flagged spans as the reviewer sees them (name-blinded, redacted excerpts).</param>
/// <param name="ReleasedBy">The reviewer who released the candidate into the ranking, or null while held.</param>
/// <param name="ReleasedAt">When, orchestration time.</param>
/// <param name="ReleaseComment">The reviewer's reason.</param>
public sealed record CandidateHold(
    IReadOnlyList<string> Reasons,
    IReadOnlyList<FlaggedSpan> Spans,
    string? ReleasedBy = null,
    DateTimeOffset? ReleasedAt = null,
    string? ReleaseComment = null)
{
    /// <summary>Held and not released.</summary>
    public bool IsActive => ReleasedBy is null;
}
