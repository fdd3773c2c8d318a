using AiFunctions.Workflows.Screening;

namespace AiFunctions.Hosting.Api;

/// <summary>Body of <c>POST /api/screenings/{id}/review</c>.</summary>
/// <param name="Decision">Approve or Reject (required).</param>
/// <param name="Reviewer">Who decides (required; recorded in the decision trail).</param>
/// <param name="Comment">Optional, recorded in the decision trail.</param>
public sealed record ShortlistReviewRequest(ReviewDecision? Decision, string? Reviewer, string? Comment = null);

/// <summary>202 answer of <c>POST /api/screenings/{id}/review</c>: the decision was handed to the batch.</summary>
public sealed record ShortlistReviewAccepted(string BatchId, ReviewDecision Decision, string StatusUri);
