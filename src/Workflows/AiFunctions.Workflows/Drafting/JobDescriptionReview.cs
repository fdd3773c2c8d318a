using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Drafting;

/// <summary>
/// Payload of the external event <see cref="WorkflowNames.JobDescriptionReviewEvent"/> raised on
/// <see cref="WorkflowInstanceIds.JobDescription"/>(id).
/// </summary>
/// <param name="Decision">Approve the current draft, or ask for a revision.</param>
/// <param name="Reviewer">Who reviewed.</param>
/// <param name="Comments">What to change (Revise); passed to the next draft and kept on the reviewed version.</param>
/// <param name="Version">
/// The draft version this decision is about (the <c>version</c> the reviewer read). The orchestrator ignores a review
/// whose version is not the draft awaiting review, so a decision can never land on a version nobody saw.
/// </param>
public sealed record JobDescriptionReview(JobDescriptionReviewDecision Decision, string Reviewer, IReadOnlyList<string>? Comments = null, int? Version = null);

[JsonConverter(typeof(JsonStringEnumConverter<JobDescriptionReviewDecision>))]
public enum JobDescriptionReviewDecision
{
    Approve,
    Revise,
}
