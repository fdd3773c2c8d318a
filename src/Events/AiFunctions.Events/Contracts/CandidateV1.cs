namespace AiFunctions.Events.Contracts;

/// <summary>One candidate in a <see cref="ScreeningRequestedV1"/> batch (exactly one of resumeText and resumeBlobName).</summary>
internal sealed record CandidateV1(string? CandidateId, string? DisplayName, string? ResumeText, string? ResumeBlobName);
