using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Kernel.Functions;
using AiFunctions.Workflows.Drafting;

namespace AiFunctions.Workflows.Storage;

/// <summary>One drafted version (round) of a job description, keyed by (<see cref="JobDescriptionId"/>, <see cref="Version"/>).</summary>
/// <param name="Findings">What the inclusive-language and required-sections checks found.</param>
/// <param name="Review">The reviewer's answer to this version, once given.</param>
/// <param name="Request">
/// The drafting request this version answered (the hiring manager's fields; on a revision round also the previous draft
/// and the comments), kept so the draft can be replayed on another target before a migration
/// (<see cref="Migration.DraftingReplayer"/>); null for versions stored before it was kept.
/// </param>
public sealed record JobDescriptionVersion(
    string JobDescriptionId,
    int Version,
    JobDescriptionDraft Draft,
    IReadOnlyList<JobDescriptionFinding> Findings,
    AiFunctionProvenance Provenance,
    DateTimeOffset CreatedAt,
    JobDescriptionReview? Review = null,
    DateTimeOffset? ReviewedAt = null,
    JobDescriptionRequest? Request = null);
