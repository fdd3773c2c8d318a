using AiFunctions.Workflows.Screening;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// Body of <c>POST /api/screenings/{id}/review</c>. There is no reviewer field: the reviewer is the signed-in caller
/// (a body that names one is refused with 400).
/// </summary>
/// <param name="Decision">Approve, Reject or ReleaseHeld (required).</param>
/// <param name="Comment">Optional, recorded in the decision trail.</param>
/// <param name="Releases">With ReleaseHeld: the held candidates to release, each with its reason.</param>
public sealed record ShortlistReviewRequest(ReviewDecision? Decision, string? Comment = null, IReadOnlyList<HoldRelease>? Releases = null);

/// <summary>202 answer of <c>POST /api/screenings/{id}/review</c>: the decision was handed to the batch.</summary>
/// <param name="Reviewer">The signed-in caller the decision is attributed to.</param>
public sealed record ShortlistReviewAccepted(string BatchId, ReviewDecision Decision, string Reviewer, string StatusUri);
