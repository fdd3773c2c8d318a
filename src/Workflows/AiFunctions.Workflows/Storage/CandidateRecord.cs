namespace AiFunctions.Workflows.Storage;

/// <summary>A candidate of a persisted batch and where its resume is.</summary>
/// <param name="ResumeBlobName">
/// The resume's reference (<see cref="IScreeningStore.PutResumesAsync"/>, <see cref="IScreeningStore.PutResumeAsync"/>):
/// a blob name, or "row:…" for a resume kept in this candidate's row. Read it with <see cref="IScreeningStore.GetResumeAsync"/>.
/// </param>
/// <param name="ResumeText">
/// The resume when the store read it together with the record (a resume kept in the row); null otherwise — then read
/// <paramref name="ResumeBlobName"/>. Personal data: never log it.
/// </param>
public sealed record CandidateRecord(string BatchId, string CandidateId, string DisplayName, string ResumeBlobName, string? ResumeText = null)
{
    /// <summary>The record's resume: <see cref="ResumeText"/> when read with the record, else one read of <see cref="ResumeBlobName"/>; null when it is gone (erased, purged, never stored).</summary>
    public Task<string?> ReadResumeAsync(IScreeningStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return ResumeText is { } text ? Task.FromResult<string?>(text) : store.GetResumeAsync(ResumeBlobName, cancellationToken);
    }
}
