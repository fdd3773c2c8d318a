using AiFunctions.Workflows.Drafting;

namespace AiFunctions.Workflows.Storage;

/// <summary>A job description being drafted, with every version (one per round).</summary>
/// <param name="ApprovedVersion">The published version, once approved.</param>
/// <param name="Error">Why drafting failed (<see cref="JobDescriptionStatus.Failed"/> only): "{Reason}: {description}", content-free.</param>
public sealed record JobDescriptionRecord(
    string JobDescriptionId,
    string Tenant,
    JobDescriptionStatus Status,
    int? ApprovedVersion,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<JobDescriptionVersion> Versions,
    string? Error = null);
