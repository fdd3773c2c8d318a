using AiFunctions.Workflows;

namespace AiFunctions.Events.Contracts;

/// <summary>
/// <c>hr.candidate.applied</c> v1: a candidate applied to an open requisition. Starts a screening of that one
/// candidate against the requisition (which must have been opened with <c>hr.requisition.opened</c>).
/// </summary>
internal sealed record CandidateAppliedV1 : IEventData
{
    public string? ApplicationId { get; init; }
    public string? RequisitionId { get; init; }
    public string? CandidateId { get; init; }

    /// <summary>The candidate's name: only used to remove it from the resume before any AI call (name-blinding).</summary>
    public string? DisplayName { get; init; }

    public string? ResumeText { get; init; }

    /// <summary>A resume stored beforehand through the API (blob name), for resumes above the inline limit.</summary>
    public string? ResumeBlobName { get; init; }

    public DateTimeOffset AppliedAt { get; init; }

    public IEnumerable<string> Validate() =>
        FieldRules.Id("applicationId", ApplicationId)
            .Concat(FieldRules.Id("requisitionId", RequisitionId))
            .Concat(FieldRules.Id("candidateId", CandidateId))
            .Concat(FieldRules.Text("displayName", DisplayName, 300))
            .Concat(FieldRules.Resume("resume", ResumeText, ResumeBlobName))
            .Concat(FieldRules.Timestamp("appliedAt", AppliedAt));
}
