using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Drafting;

/// <summary>Output of <see cref="JobDescriptionOrchestrator"/>.</summary>
/// <param name="ApprovedVersion">The published version (Approved only).</param>
/// <param name="Rounds">Drafts produced.</param>
public sealed record JobDescriptionWorkflowResult(
    string JobDescriptionId,
    JobDescriptionStatus Status,
    int? ApprovedVersion,
    int Rounds,
    string? ApprovedBy,
    DateTimeOffset CompletedAt);

/// <summary>Where a job description is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobDescriptionStatus>))]
public enum JobDescriptionStatus
{
    Drafting,
    AwaitingReview,
    Approved,
    Expired,

    /// <summary>The reviewer asked for another revision after the last allowed round.</summary>
    RevisionLimitReached,
}
