using AiFunctions.Workflows;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// The body of POST /api/screenings: the workflows' <see cref="ScreeningBatchRequest"/> as a caller may send it. The
/// tenant is the caller's (omit it, or send the same); each resume arrives inline (<c>resumeText</c>) or as the id of an
/// upload of the same tenant (<c>resumeUploadId</c>, from POST /api/resumes). A <c>resumeBlobName</c> is refused: callers
/// never name storage paths.
/// </summary>
public sealed record ScreeningSubmission(
    string BatchId,
    string? Tenant,
    RequisitionSpec Requisition,
    IReadOnlyList<CandidateInput> Candidates,
    ReviewPolicy? ReviewPolicy = null,
    string Version = WorkflowVersions.ScreeningBatch,
    ScreeningConcurrency? Concurrency = null,
    string? CorrelationId = null);

/// <summary>One candidate as a caller sends it: exactly one of <see cref="ResumeText"/> and <see cref="ResumeUploadId"/>.</summary>
/// <param name="ResumeBlobName">Read only to refuse it.</param>
/// <param name="SelfIdentified">Optional voluntary self-identified categories for the bias audit (docs/fairness.md): stored
/// apart from the batch, never sent to a provider, never used in scoring.</param>
public sealed record CandidateInput(string CandidateId, string DisplayName, string? ResumeText = null, string? ResumeUploadId = null, string? ResumeBlobName = null,
    AiFunctions.Workflows.Fairness.SelfIdentifiedCategories? SelfIdentified = null);

/// <summary>The body of POST /api/resumes: one resume as text (at most <see cref="WorkflowLimits.MaxResumeChars"/> characters).</summary>
public sealed record ResumeUploadRequest(string? Text);

/// <summary>The answer to POST /api/resumes: the id to reference as <c>resumeUploadId</c> (valid in the caller's tenant only).</summary>
public sealed record ResumeUploadResponse(string UploadId, int Characters);
