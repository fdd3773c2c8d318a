using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Hosting.Api;

/// <summary>Answer of <c>GET /api/job-descriptions/{id}</c>: status, round and every drafted version with its findings and review.</summary>
/// <param name="Status">Follows the workflow to its end: Drafting, AwaitingReview, then Approved, Expired or RevisionLimitReached.</param>
/// <param name="CurrentVersion">The version awaiting review (name it in the review), or the last one decided.</param>
public sealed record JobDescriptionStatusResponse(
    string JobDescriptionId,
    JobDescriptionStatus Status,
    string? RuntimeStatus,
    string? Failure,
    int? Round,
    int? MaxRounds,
    int? CurrentVersion,
    int? ApprovedVersion,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    IReadOnlyList<JobDescriptionVersion> Versions,
    string ReviewUri);
