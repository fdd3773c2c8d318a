using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Drafting;

/// <summary>
/// Payload of the external event <see cref="WorkflowNames.JobDescriptionReviewEvent"/> raised on
/// <see cref="WorkflowInstanceIds.JobDescription"/>(id).
/// </summary>
/// <param name="Decision">Approve the current draft, or ask for a revision.</param>
/// <param name="Reviewer">Who reviewed.</param>
/// <param name="Comments">What to change (Revise); passed to the next draft.</param>
public sealed record JobDescriptionReview(JobDescriptionReviewDecision Decision, string Reviewer, IReadOnlyList<string>? Comments = null);

[JsonConverter(typeof(JsonStringEnumConverter<JobDescriptionReviewDecision>))]
public enum JobDescriptionReviewDecision
{
    Approve,
    Revise,
}
