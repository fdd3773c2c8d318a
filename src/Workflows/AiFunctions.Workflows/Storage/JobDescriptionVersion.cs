using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Kernel.Functions;
using AiFunctions.Workflows.Drafting;

namespace AiFunctions.Workflows.Storage;

/// <summary>One drafted version (round) of a job description, keyed by (<see cref="JobDescriptionId"/>, <see cref="Version"/>).</summary>
/// <param name="Findings">What the inclusive-language and required-sections checks found.</param>
/// <param name="Review">The reviewer's answer to this version, once given.</param>
public sealed record JobDescriptionVersion(
    string JobDescriptionId,
    int Version,
    JobDescriptionDraft Draft,
    IReadOnlyList<JobDescriptionFinding> Findings,
    AiFunctionProvenance Provenance,
    DateTimeOffset CreatedAt,
    JobDescriptionReview? Review = null,
    DateTimeOffset? ReviewedAt = null);
