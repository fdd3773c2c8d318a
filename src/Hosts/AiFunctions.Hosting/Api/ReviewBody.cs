namespace AiFunctions.Hosting.Api;

/// <summary>
/// The JSON body of both review operations as received: the decision is nullable so that a body without one is
/// refused instead of defaulting to the enum's first value (which is "Approve"). <c>Reviewer</c> is read only to refuse
/// it: the reviewer is the signed-in caller.
/// </summary>
/// <remarks>
/// <c>Releases</c> is the screening review's list of held candidates to release (decision <c>ReleaseHeld</c>);
/// <c>Version</c> is the job-description draft version decided on. The documented shapes are
/// <see cref="ShortlistReviewRequest"/> and <see cref="JobDescriptionReviewRequest"/>.
/// </remarks>
internal sealed record ReviewBody<TDecision>(TDecision? Decision, string? Reviewer, string? Comment = null, IReadOnlyList<string>? Comments = null, IReadOnlyList<AiFunctions.Workflows.Screening.HoldRelease>? Releases = null, int? Version = null)
    where TDecision : struct, Enum;
