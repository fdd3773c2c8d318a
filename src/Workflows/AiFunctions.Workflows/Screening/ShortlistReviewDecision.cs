using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Payload of the external event <see cref="WorkflowNames.ShortlistReviewEvent"/> raised on
/// <see cref="WorkflowInstanceIds.Screening"/>(batchId).
/// </summary>
/// <param name="Decision">Approve or reject the shortlist, or release held candidates into the ranking.</param>
/// <param name="Reviewer">Who decided (user id or e-mail of the reviewer; recorded in the decision trail).</param>
/// <param name="Comment">Optional free text, recorded in the decision trail.</param>
/// <param name="Releases">With <see cref="ReviewDecision.ReleaseHeld"/>: the held candidates the reviewer releases, each with a reason.</param>
public sealed record ShortlistReviewDecision(ReviewDecision Decision, string Reviewer, string? Comment = null, IReadOnlyList<HoldRelease>? Releases = null);

/// <summary>A reviewer's release of one held candidate into the ranking (docs/fairness.md, "Held candidates").</summary>
/// <param name="CandidateId">A candidate of the batch that is held.</param>
/// <param name="Comment">Why the reviewer releases it (e.g. "the flagged line is a quote from a publication"); required.</param>
public sealed record HoldRelease(string CandidateId, string Comment);

[JsonConverter(typeof(JsonStringEnumConverter<ReviewDecision>))]
public enum ReviewDecision
{
    Approve,
    Reject,

    /// <summary>Release the listed held candidates into the ranking; the batch re-ranks and awaits review again.</summary>
    ReleaseHeld,
}
