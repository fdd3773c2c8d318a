using AiFunctions.Workflows.Storage;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Keeps resumes out of the orchestration history: a host calls <see cref="OffloadResumesAsync"/> before scheduling a
/// batch, so the input (stored in the history and loaded on every replay of the parent orchestrator) carries resume
/// references instead of resume text. The references are the ones <see cref="Activities.PersistBatchActivity"/> would
/// store (<see cref="IScreeningStore.PutResumesAsync"/>: the candidate rows for small resumes, blobs for large ones), so
/// offloading is idempotent and optional for small batches.
/// </summary>
public static class ResumeOffloading
{
    /// <summary>Stores every inline resume and returns the request with <c>ResumeBlobName</c> set instead of the text.</summary>
    public static async Task<ScreeningBatchRequest> OffloadResumesAsync(this IScreeningStore store, ScreeningBatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        var candidates = request.Candidates.ToArray();
        var inline = Enumerable.Range(0, candidates.Length).Where(i => candidates[i].ResumeText is not null).ToArray();
        if (inline.Length == 0)
        {
            return request;
        }

        var references = await store.PutResumesAsync(
            request.BatchId,
            inline.Select(i => KeyValuePair.Create(candidates[i].CandidateId, candidates[i].ResumeText!)).ToArray(),
            cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < inline.Length; k++)
        {
            candidates[inline[k]] = candidates[inline[k]] with { ResumeText = null, ResumeBlobName = references[k] };
        }

        return request with { Candidates = candidates };
    }
}
