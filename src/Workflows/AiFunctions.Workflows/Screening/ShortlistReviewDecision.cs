using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Payload of the external event <see cref="WorkflowNames.ShortlistReviewEvent"/> raised on
/// <see cref="WorkflowInstanceIds.Screening"/>(batchId).
/// </summary>
/// <param name="Decision">Approve or reject the shortlist.</param>
/// <param name="Reviewer">Who decided (user id or e-mail of the reviewer; recorded in the decision trail).</param>
/// <param name="Comment">Optional free text, recorded in the decision trail.</param>
public sealed record ShortlistReviewDecision(ReviewDecision Decision, string Reviewer, string? Comment = null);

[JsonConverter(typeof(JsonStringEnumConverter<ReviewDecision>))]
public enum ReviewDecision
{
    Approve,
    Reject,
}
