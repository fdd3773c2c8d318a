namespace AiFunctions.Workflows.Storage;

/// <summary>A candidate of a persisted batch; the resume itself is in blob storage under <see cref="ResumeBlobName"/>.</summary>
public sealed record CandidateRecord(string BatchId, string CandidateId, string DisplayName, string ResumeBlobName);
