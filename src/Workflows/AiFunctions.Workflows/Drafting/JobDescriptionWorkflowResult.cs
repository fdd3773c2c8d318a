using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Drafting;

/// <summary>Output of <see cref="JobDescriptionOrchestrator"/>.</summary>
/// <param name="ApprovedVersion">The published version (Approved only).</param>
/// <param name="Rounds">Drafts produced.</param>
/// <param name="Error">Why drafting failed (<see cref="JobDescriptionStatus.Failed"/> only): "{Reason}: {description}", content-free.</param>
public sealed record JobDescriptionWorkflowResult(
    string JobDescriptionId,
    JobDescriptionStatus Status,
    int? ApprovedVersion,
    int Rounds,
    string? ApprovedBy,
    DateTimeOffset CompletedAt,
    string? Error = null);

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

    /// <summary>
    /// Drafting failed for a reason retrying cannot mend (e.g. ContextLengthExceeded, ContentFiltered, BadRequest), or a
    /// transient one outlasted the durable retries; the record's <c>Error</c> says which (content-free).
    /// </summary>
    Failed,
}
