namespace AiFunctions.Workflows.Screening;

/// <summary>
/// One candidate of a batch. Exactly one of <see cref="ResumeText"/> and <see cref="ResumeBlobName"/> is set: inline
/// text up to <see cref="WorkflowLimits.MaxInlineResumeChars"/> characters, or, for larger resumes, the name of a blob
/// stored beforehand with <see cref="Storage.IScreeningStore.PutResumeAsync"/>.
/// </summary>
/// <param name="CandidateId">ATS candidate id (1-64 of letters, digits, '-', '_', '.'); unique within the batch.</param>
/// <param name="DisplayName">
/// The candidate's name, shown to the human reviewer only. The workflow removes it from the resume before any AI
/// call (name-blinding), and never logs it.
/// </param>
/// <param name="ResumeText">The resume as text, markdown or HTML.</param>
/// <param name="ResumeBlobName">Blob name returned by <see cref="Storage.IScreeningStore.PutResumeAsync"/>.</param>
/// <param name="SelfIdentified">Optional voluntary self-identified categories for bias audits: the API stores them apart and removes them before the batch starts; never sent to a provider, never used in scoring.</param>
public sealed record CandidateSubmission(
    string CandidateId,
    string DisplayName,
    string? ResumeText = null,
    string? ResumeBlobName = null,
    Fairness.SelfIdentifiedCategories? SelfIdentified = null);
