using AiFunctions.Workflows.Drafting;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// Body of <c>POST /api/job-descriptions/{id}/review</c>. There is no reviewer field: the reviewer is the signed-in
/// caller (a body that names one is refused with 400).
/// </summary>
/// <param name="Decision">Approve or Revise (required).</param>
/// <param name="Version">
/// The draft version decided on (required): <c>currentVersion</c> of <c>GET /api/job-descriptions/{id}</c>. Any other
/// version answers 409 <c>stale-version</c> naming the current one, so nobody approves a draft they did not read.
/// </param>
/// <param name="Comments">What to change; required with Revise. Kept on the version whatever happens next.</param>
public sealed record JobDescriptionReviewRequest(JobDescriptionReviewDecision? Decision, int? Version, IReadOnlyList<string>? Comments = null);

/// <summary>202 answer of <c>POST /api/job-descriptions/{id}/review</c>.</summary>
/// <param name="Reviewer">The signed-in caller the decision is attributed to.</param>
/// <param name="Round">The drafting round decided on.</param>
/// <param name="Version">The draft version decided on.</param>
/// <param name="Outcome">
/// What the decision leads to: <c>Approved</c>, <c>Drafting</c> (another round) or <c>RevisionLimitReached</c> (a Revise
/// on the last round ends the workflow without an approved version; the comments stay on the version).
/// </param>
public sealed record JobDescriptionReviewAccepted(string JobDescriptionId, JobDescriptionReviewDecision Decision, string Reviewer, int Round, int Version, JobDescriptionStatus Outcome, string StatusUri);
